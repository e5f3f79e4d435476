package io.stella.harness.reference.livekit;

import io.javalin.http.Context;

/**
 * LiveKit's authentication middleware: the token from {@code Authorization: Bearer} or the
 * {@code access_token} query parameter. A bad token is refused with a plain-text 401 message; no
 * token at all goes on without grants, so each call answers "permissions denied" itself.
 */
final class LivekitAuth {

    static final String MISSING_BEARER = "invalid authorization header. Must start with Bearer ";

    private final LivekitTokenVerifier verifier;

    LivekitAuth(LivekitTokenVerifier verifier) {
        this.verifier = verifier;
    }

    /** Who is calling: {@code grants} null when no token came; {@code rejection} the 401 message of a bad one. */
    record Caller(LivekitGrants grants, String rejection) {
        static final Caller ANONYMOUS = new Caller(null, null);

        boolean rejected() {
            return rejection != null;
        }

        /** Grants to check; a caller without a token has none, so every check fails. */
        LivekitGrants grantsOrNone() {
            return grants != null ? grants : LivekitGrants.from("", "", null);
        }
    }

    Caller caller(Context ctx) {
        String header = ctx.header("Authorization");
        String token;
        if (header != null && !header.isEmpty()) {
            if (!header.startsWith("Bearer ")) {
                return new Caller(null, MISSING_BEARER);
            }
            token = header.substring("Bearer ".length());
        } else {
            token = ctx.queryParam("access_token");
        }
        if (token == null || token.isEmpty()) {
            return Caller.ANONYMOUS;
        }
        LivekitTokenVerifier.Verification verification = verifier.verify(token);
        if (!verification.accepted()) {
            return new Caller(null, verification.rejection());
        }
        return new Caller(verification.grants(), null);
    }
}
