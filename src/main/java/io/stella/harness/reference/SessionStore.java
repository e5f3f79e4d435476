package io.stella.harness.reference;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** Session rows: create, read, page through by client (newest first), end. */
public final class SessionStore {

    /** A stored session. {@code seq} orders rows and is the paging cursor. */
    public record SessionRow(long seq, String id, String clientId, String agent, String metadata, String roomName,
                             String participantIdentity, String status, String createdAt, String endedAt) {
    }

    /** One page of a client's sessions; {@code nextCursor} is null on the last page. */
    public record Page(List<SessionRow> items, Long nextCursor) {
    }

    private final DataSource dataSource;

    public SessionStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public SessionRow create(String id, String clientId, String agent, String metadata, String roomName,
                             String participantIdentity) throws SQLException {
        String createdAt = Instant.now().toString();
        String sql = "INSERT INTO sessions (id, client_id, agent, metadata, room_name, participant_identity, status, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, 'active', ?)";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(sql, new String[] {"seq"})) {
            insert.setString(1, id);
            insert.setString(2, clientId);
            insert.setString(3, agent);
            insert.setString(4, metadata);
            insert.setString(5, roomName);
            insert.setString(6, participantIdentity);
            insert.setString(7, createdAt);
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return new SessionRow(keys.getLong(1), id, clientId, agent, metadata, roomName, participantIdentity,
                        "active", createdAt, null);
            }
        }
    }

    public Optional<SessionRow> find(String id, String clientId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT * FROM sessions WHERE id = ? AND client_id = ?")) {
            select.setString(1, id);
            select.setString(2, clientId);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(row(rows)) : Optional.empty();
            }
        }
    }

    /** Newest first; {@code beforeSeq} is the previous page's cursor, {@code Long.MAX_VALUE} for the first. */
    public Page page(String clientId, int limit, long beforeSeq) throws SQLException {
        String sql = "SELECT * FROM sessions WHERE client_id = ? AND seq < ? ORDER BY client_id, seq DESC LIMIT ?";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, clientId);
            select.setLong(2, beforeSeq);
            select.setInt(3, limit + 1);
            List<SessionRow> items = new ArrayList<>(limit);
            Long nextCursor = null;
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    if (items.size() == limit) {
                        nextCursor = items.get(items.size() - 1).seq();
                        break;
                    }
                    items.add(row(rows));
                }
            }
            return new Page(items, nextCursor);
        }
    }

    /** What ending a session did: ending twice is harmless, ending an unknown one is not found. */
    public enum EndResult { ENDED, ALREADY_ENDED, NOT_FOUND }

    public EndResult end(String id, String clientId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement(
                     "UPDATE sessions SET status = 'ended', ended_at = ? WHERE id = ? AND client_id = ? AND status = 'active'")) {
            update.setString(1, Instant.now().toString());
            update.setString(2, id);
            update.setString(3, clientId);
            if (update.executeUpdate() == 1) {
                return EndResult.ENDED;
            }
        }
        return find(id, clientId).isPresent() ? EndResult.ALREADY_ENDED : EndResult.NOT_FOUND;
    }

    public long countActive() throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement count = connection.prepareStatement("SELECT COUNT(*) FROM sessions WHERE status = 'active'");
             ResultSet rows = count.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static SessionRow row(ResultSet rows) throws SQLException {
        return new SessionRow(rows.getLong("seq"), rows.getString("id"), rows.getString("client_id"),
                rows.getString("agent"), rows.getString("metadata"), rows.getString("room_name"),
                rows.getString("participant_identity"), rows.getString("status"), rows.getString("created_at"),
                rows.getString("ended_at"));
    }
}
