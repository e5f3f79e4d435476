package io.stella.harness.reference;

import io.javalin.http.Context;

import java.util.List;

/** CORS by allow-list: a listed origin gets the allow headers, any other gets none. */
final class CorsPolicy {

    private final List<String> allowedOrigins;
    private final boolean allowList;

    /** {@code allowList} false reflects any origin back, the misconfiguration the CORS probe must catch. */
    CorsPolicy(List<String> allowedOrigins, boolean allowList) {
        this.allowedOrigins = List.copyOf(allowedOrigins);
        this.allowList = allowList;
    }

    private boolean allowed(String origin) {
        return origin != null && (!allowList || allowedOrigins.contains(origin));
    }

    /** Before every call: mark an allowed origin's answers readable by its scripts. */
    void annotate(Context ctx) {
        String origin = ctx.header("Origin");
        if (allowed(origin)) {
            ctx.header("Access-Control-Allow-Origin", origin);
            ctx.header("Vary", "Origin");
        }
    }

    /** An OPTIONS preflight: 204 either way, with the allow headers only for a listed origin. */
    void preflight(Context ctx) {
        String origin = ctx.header("Origin");
        if (allowed(origin)) {
            ctx.header("Access-Control-Allow-Methods", "GET, POST, DELETE, OPTIONS");
            ctx.header("Access-Control-Allow-Headers", "Authorization, Content-Type");
            ctx.header("Access-Control-Max-Age", "600");
        }
        ctx.status(204);
    }
}
