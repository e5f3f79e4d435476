package io.stella.harness.reference;

import io.javalin.http.Context;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;

/** {@code POST /api/auth/token}: client credentials in, a short-lived access token out. */
final class AuthRoute {

    private final String clientId;
    private final byte[] clientSecret;
    private final AccessTokens tokens;
    private final ClientRateLimiter rateLimiter;

    AuthRoute(String clientId, String clientSecret, AccessTokens tokens, ClientRateLimiter rateLimiter) {
        this.clientId = clientId;
        this.clientSecret = clientSecret.getBytes(StandardCharsets.UTF_8);
        this.tokens = tokens;
        this.rateLimiter = rateLimiter;
    }

    void token(Context ctx) {
        var body = JsonBodies.object(ctx);
        if (body.isEmpty()) {
            return;
        }
        var id = JsonBodies.text(ctx, body.get(), "clientId");
        var secret = id.isEmpty() ? id : JsonBodies.text(ctx, body.get(), "clientSecret");
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
        ctx.json(Map.of("accessToken", tokens.issue(id.get()), "expiresIn", tokens.ttlSec()));
    }
}
