package io.stella.harness.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.stella.harness.config.JsonPaths;
import io.stella.harness.config.TargetContract;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;

/**
 * The token call ({@code POST /api/auth/token} in v1): client credentials in, a short-lived access
 * token out, in the shape the target's contract gives (a JSON object or an OAuth2 form, the token at
 * its path in the answer).
 */
final class AuthRoute {

    private final String clientId;
    private final byte[] clientSecret;
    private final AccessTokens tokens;
    private final ClientRateLimiter rateLimiter;
    private final TargetContract.TokenCall contract;

    AuthRoute(String clientId, String clientSecret, AccessTokens tokens, ClientRateLimiter rateLimiter,
              TargetContract.TokenCall contract) {
        this.clientId = clientId;
        this.clientSecret = clientSecret.getBytes(StandardCharsets.UTF_8);
        this.tokens = tokens;
        this.rateLimiter = rateLimiter;
        this.contract = contract;
    }

    void token(Context ctx) {
        Optional<Map<String, String>> fields = fields(ctx);
        if (fields.isEmpty()) {
            return;
        }
        for (Map.Entry<String, String> extra : contract.extraFields().entrySet()) {
            if (!extra.getValue().equals(fields.get().get(extra.getKey()))) {
                ApiErrors.send(ctx, 400, "bad_request", "\"" + extra.getKey() + "\" must be " + extra.getValue());
                return;
            }
        }
        var id = required(ctx, fields.get(), contract.clientIdField());
        var secret = id.isEmpty() ? id : required(ctx, fields.get(), contract.clientSecretField());
        if (secret.isEmpty()) {
            return;
        }
        long retryAfterSec = rateLimiter.retryAfterSec(id.get());
        if (retryAfterSec > 0) {
            ApiErrors.refuse(ctx, 429, retryAfterSec, "rate_limited", "too many requests for this client");
            return;
        }
        // Compare in constant time so response timing says nothing about the secret.
        boolean valid = id.get().equals(clientId)
                && MessageDigest.isEqual(secret.get().getBytes(StandardCharsets.UTF_8), clientSecret);
        if (!valid) {
            ApiErrors.send(ctx, 401, "unauthorized", "unknown client or wrong secret");
            return;
        }
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        JsonPaths.write(answer, contract.accessTokenPath(), JsonNodeFactory.instance.textNode(tokens.issue(id.get())));
        JsonPaths.write(answer, contract.expiresInPath(), JsonNodeFactory.instance.numberNode(tokens.ttlSec()));
        ctx.status(contract.status()).contentType("application/json").result(answer.toString());
    }

    /** The request's fields as the contract encodes them, or empty after a 400 has been sent. */
    private Optional<Map<String, String>> fields(Context ctx) {
        if (contract.encoding() == TargetContract.TokenEncoding.FORM) {
            if (!String.valueOf(ctx.contentType()).startsWith(TargetContract.TokenEncoding.FORM.contentType())) {
                ApiErrors.send(ctx, 400, "bad_request", "the body must be " + TargetContract.TokenEncoding.FORM.contentType());
                return Optional.empty();
            }
            Map<String, String> form = new java.util.HashMap<>();
            ctx.formParamMap().forEach((name, values) -> form.put(name, values.isEmpty() ? null : values.get(0)));
            return Optional.of(form);
        }
        Optional<JsonNode> body = JsonBodies.object(ctx);
        if (body.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> fields = new java.util.HashMap<>();
        body.get().fields().forEachRemaining(field -> fields.put(field.getKey(),
                field.getValue().isTextual() ? field.getValue().asText() : null));
        return Optional.of(fields);
    }

    private static Optional<String> required(Context ctx, Map<String, String> fields, String name) {
        String value = fields.get(name);
        if (value != null && !value.isBlank()) {
            return Optional.of(value);
        }
        ApiErrors.send(ctx, 400, "bad_request", "\"" + name + "\" must be a non-empty string");
        return Optional.empty();
    }
}
