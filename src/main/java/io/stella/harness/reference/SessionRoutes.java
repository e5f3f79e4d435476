package io.stella.harness.reference;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.stella.harness.livekit.ParticipantTokens;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The sessions API. Every call needs a valid Bearer token, is rate limited per client, and sees
 * only that client's sessions. Creating a session mints the client's LiveKit participant token.
 */
final class SessionRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(SessionRoutes.class);

    static final int DEFAULT_PAGE = 20;
    static final String ANONYMOUS = "anonymous";
    static final int MAX_PAGE = 100;

    private final SessionStore store;
    private final AccessTokens accessTokens;
    private final ClientRateLimiter rateLimiter;
    private final ParticipantTokens participantTokens;
    private final SessionRooms sessionRooms;
    private final boolean authRequired;
    private final Supplier<String> livekitUrl;
    private final ReferenceMetrics metrics;

    SessionRoutes(SessionStore store, AccessTokens accessTokens, ClientRateLimiter rateLimiter,
                  ParticipantTokens participantTokens, SessionRooms sessionRooms, Supplier<String> livekitUrl,
                  ReferenceMetrics metrics, boolean authRequired) {
        this.store = store;
        this.accessTokens = accessTokens;
        this.rateLimiter = rateLimiter;
        this.participantTokens = participantTokens;
        this.sessionRooms = sessionRooms;
        this.authRequired = authRequired;
        this.livekitUrl = livekitUrl;
        this.metrics = metrics;
    }

    void create(Context ctx) throws SQLException {
        Optional<String> client = admit(ctx);
        if (client.isEmpty()) {
            return;
        }
        Optional<JsonNode> body = JsonBodies.object(ctx);
        Optional<String> agent = body.isEmpty() ? Optional.empty() : JsonBodies.text(ctx, body.get(), "agent");
        if (agent.isEmpty()) {
            return;
        }
        JsonNode metadataNode = body.get().get("metadata");
        if (metadataNode != null && !metadataNode.isNull() && !metadataNode.isObject()) {
            ApiErrors.send(ctx, 400, "bad_request", "metadata must be a JSON object");
            return;
        }
        String metadata = metadataNode == null || metadataNode.isNull() ? null : metadataNode.toString();
        String id = UUID.randomUUID().toString();
        String roomName = "stella-" + id;
        String identity = "user-" + id.substring(0, 8);
        try {
            sessionRooms.open(roomName, agent.get(), metadata);
        } catch (SessionRooms.LivekitUnavailable e) {
            ApiErrors.send(ctx, 502, "livekit_unavailable", e.getMessage());
            return;
        }
        SessionStore.SessionRow row = store.create(id, client.get(), agent.get(), metadata, roomName, identity);
        metrics.sessionStarted();
        Map<String, Object> view = view(row);
        view.put("participantToken", participantTokens.mint(identity, roomName));
        ctx.status(201).json(view);
    }

    void get(Context ctx) throws SQLException {
        Optional<String> client = admit(ctx);
        if (client.isEmpty()) {
            return;
        }
        Optional<SessionStore.SessionRow> row = store.find(ctx.pathParam("id"), client.get());
        if (row.isPresent()) {
            ctx.json(view(row.get()));
        } else {
            ApiErrors.send(ctx, 404, "not_found", "no such session");
        }
    }

    void list(Context ctx) throws SQLException {
        Optional<String> client = admit(ctx);
        if (client.isEmpty()) {
            return;
        }
        Long limit = longParam(ctx, "limit", DEFAULT_PAGE);
        Long cursor = limit == null ? null : longParam(ctx, "cursor", Long.MAX_VALUE);
        if (cursor == null) {
            return;
        }
        if (limit < 1 || limit > MAX_PAGE) {
            ApiErrors.send(ctx, 400, "bad_request", "limit must be within 1.." + MAX_PAGE);
            return;
        }
        SessionStore.Page page = store.page(client.get(), limit.intValue(), cursor);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("items", page.items().stream().map(this::view).toList());
        answer.put("nextCursor", page.nextCursor() == null ? null : page.nextCursor().toString());
        ctx.json(answer);
    }

    void end(Context ctx) throws SQLException {
        Optional<String> client = admit(ctx);
        if (client.isEmpty()) {
            return;
        }
        String id = ctx.pathParam("id");
        switch (store.end(id, client.get())) {
            case ENDED -> {
                metrics.sessionEnded();
                closeRoom(id, client.get());
                ctx.status(204);
            }
            case ALREADY_ENDED -> ctx.status(204);
            case NOT_FOUND -> ApiErrors.send(ctx, 404, "not_found", "no such session");
        }
    }

    /** The session is ended either way; a room LiveKit fails to delete is left to its empty timeout. */
    private void closeRoom(String id, String clientId) throws SQLException {
        Optional<SessionStore.SessionRow> row = store.find(id, clientId);
        if (row.isEmpty()) {
            return;
        }
        try {
            sessionRooms.close(row.get().roomName());
        } catch (SessionRooms.LivekitUnavailable e) {
            LOG.warn("session {} ended but its room was not deleted: {}", id, e.getMessage());
        }
    }

    /** The authenticated client within its rate, or empty after a 401 or 429 has been sent. */
    private Optional<String> admit(Context ctx) {
        Optional<String> client = accessTokens.clientOf(ctx.header("Authorization"));
        if (client.isEmpty() && !authRequired) {
            client = Optional.of(ANONYMOUS); // switched off on purpose: the API-auth probe must catch this
        }
        if (client.isEmpty()) {
            ctx.header("WWW-Authenticate", "Bearer");
            ApiErrors.send(ctx, 401, "unauthorized", "a valid Bearer access token is required");
            return client;
        }
        long retryAfterSec = rateLimiter.retryAfterSec(client.get());
        if (retryAfterSec > 0) {
            ApiErrors.refuse(ctx, 429, retryAfterSec, "rate_limited", "too many requests for this client");
            return Optional.empty();
        }
        return client;
    }

    private static Long longParam(Context ctx, String name, long fallback) {
        String text = ctx.queryParam(name);
        if (text == null) {
            return fallback;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            ApiErrors.send(ctx, 400, "bad_request", name + " must be a whole number");
            return null;
        }
    }

    private Map<String, Object> view(SessionStore.SessionRow row) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", row.id());
        view.put("roomName", row.roomName());
        view.put("livekitUrl", livekitUrl.get());
        view.put("participantIdentity", row.participantIdentity());
        view.put("agent", row.agent());
        view.put("status", row.status());
        view.put("createdAt", row.createdAt());
        if (row.endedAt() != null) {
            view.put("endedAt", row.endedAt());
        }
        return view;
    }
}
