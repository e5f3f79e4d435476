package io.stella.harness.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.javalin.http.Context;
import io.stella.harness.config.JsonPaths;
import io.stella.harness.config.TargetContract;
import io.stella.harness.livekit.LivekitTokens;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
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
    private final LivekitTokens participantTokens;
    private final SessionRooms sessionRooms;
    private final boolean authRequired;
    private final Supplier<String> livekitUrl;
    private final ReferenceMetrics metrics;
    private final TargetContract.SessionCalls contract;
    private final String metadataPath;
    private final String defaultAgent;

    /**
     * @param contract     the shape the answers take and their statuses; in v1, {@code agent} and
     *                     {@code metadata} at the top of the create body
     * @param defaultAgent the agent dispatched when a create body names none where v1 has it
     */
    private static final long AGENTS_BUSY_RETRY_SEC = 2;
    private final java.util.function.BooleanSupplier agentsBusy;

    SessionRoutes(SessionStore store, AccessTokens accessTokens, ClientRateLimiter rateLimiter,
                  LivekitTokens participantTokens, SessionRooms sessionRooms, Supplier<String> livekitUrl,
                  ReferenceMetrics metrics, boolean authRequired, TargetContract.SessionCalls contract, String defaultAgent,
                  java.util.function.BooleanSupplier agentsBusy) {
        this.agentsBusy = agentsBusy;
        this.store = store;
        this.accessTokens = accessTokens;
        this.rateLimiter = rateLimiter;
        this.participantTokens = participantTokens;
        this.sessionRooms = sessionRooms;
        this.authRequired = authRequired;
        this.livekitUrl = livekitUrl;
        this.metrics = metrics;
        this.contract = contract;
        this.metadataPath = placeholderPath(contract.createBody(), "$");
        this.defaultAgent = defaultAgent;
    }

    void create(Context ctx) throws SQLException {
        Optional<String> client = admit(ctx);
        if (client.isEmpty()) {
            return;
        }
        Optional<JsonNode> body = JsonBodies.object(ctx);
        if (body.isEmpty()) {
            return;
        }
        boolean v1Body = contract.createBody().has("agent");
        Optional<String> agent = v1Body ? JsonBodies.text(ctx, body.get(), "agent") : Optional.of(defaultAgent);
        if (agent.isEmpty()) {
            return;
        }
        JsonNode metadataNode = metadataPath == null ? null : JsonPaths.read(body.get(), metadataPath);
        metadataNode = metadataNode == null || metadataNode.isMissingNode() ? null : metadataNode;
        if (metadataNode != null && !metadataNode.isNull() && !metadataNode.isObject()) {
            ApiErrors.send(ctx, 400, "bad_request", "metadata must be a JSON object");
            return;
        }
        String metadata = metadataNode == null || metadataNode.isNull() ? null : metadataNode.toString();
        if (agentsBusy.getAsBoolean()) {
            // A busy signal: the caller hears at once that no agent is free, rather than joining a silent room.
            ApiErrors.refuse(ctx, 503, AGENTS_BUSY_RETRY_SEC, "agents_busy", "every agent is busy: try again shortly");
            return;
        }
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
        ObjectNode view = view(row);
        JsonPaths.write(view, contract.participantTokenPath(), TextNode.valueOf(participantTokens.participant(identity, roomName)));
        ctx.status(contract.createStatus()).contentType("application/json").result(view.toString());
    }

    void get(Context ctx) throws SQLException {
        Optional<String> client = admit(ctx);
        if (client.isEmpty()) {
            return;
        }
        Optional<SessionStore.SessionRow> row = store.find(ctx.pathParam("id"), client.get());
        if (row.isPresent()) {
            ctx.status(contract.getStatus()).contentType("application/json").result(view(row.get()).toString());
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
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        ArrayNode items = JsonNodeFactory.instance.arrayNode();
        page.items().forEach(item -> items.add(view(item)));
        JsonPaths.write(answer, contract.itemsPath(), items);
        JsonPaths.write(answer, JsonPaths.parentOf(contract.itemsPath()) + ".nextCursor",
                page.nextCursor() == null ? NullNode.instance : TextNode.valueOf(page.nextCursor().toString()));
        ctx.status(contract.listStatus()).contentType("application/json").result(answer.toString());
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
                ctx.status(contract.endStatus());
            }
            case ALREADY_ENDED -> ctx.status(contract.endStatus());
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

    /** A session as the contract shapes it: id and LiveKit URL at their paths, the rest beside the id. */
    private ObjectNode view(SessionStore.SessionRow row) {
        ObjectNode view = JsonNodeFactory.instance.objectNode();
        JsonPaths.write(view, contract.idPath(), TextNode.valueOf(row.id()));
        String beside = JsonPaths.parentOf(contract.idPath()) + ".";
        JsonPaths.write(view, beside + "roomName", TextNode.valueOf(row.roomName()));
        JsonPaths.write(view, contract.livekitUrlPath(), TextNode.valueOf(livekitUrl.get()));
        JsonPaths.write(view, beside + "participantIdentity", TextNode.valueOf(row.participantIdentity()));
        JsonPaths.write(view, beside + "agent", TextNode.valueOf(row.agent()));
        JsonPaths.write(view, beside + "status", TextNode.valueOf(row.status()));
        JsonPaths.write(view, beside + "createdAt", TextNode.valueOf(String.valueOf(row.createdAt())));
        if (row.endedAt() != null) {
            JsonPaths.write(view, beside + "endedAt", TextNode.valueOf(String.valueOf(row.endedAt())));
        }
        return view;
    }

    /** Where the create body's template puts the run's metadata, as a dotted path, or null. */
    private static String placeholderPath(JsonNode node, String at) {
        if (node.isTextual() && node.asText().equals(TargetContract.METADATA_PLACEHOLDER)) {
            return at;
        }
        if (node.isObject()) {
            for (var fields = node.fields(); fields.hasNext(); ) {
                var field = fields.next();
                String found = placeholderPath(field.getValue(), at + "." + field.getKey());
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
