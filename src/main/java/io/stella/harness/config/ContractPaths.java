package io.stella.harness.config;

/**
 * Where each call of the STELLA target contract (v1) lives. A deployment that mounts the API
 * elsewhere maps it here instead of editing simulations. {@code session} holds an {@code {id}}.
 */
public record ContractPaths(String healthz, String readyz, String token, String sessions, String session,
                            String metrics, String staticAsset) {

    public static final ContractPaths V1 = new ContractPaths("/healthz", "/readyz", "/api/auth/token",
            "/api/sessions", "/api/sessions/{id}", "/metrics", "/static/app.js");

    /** The path of one session, with the id (or a Gatling expression such as {@code #{sessionId}}) filled in. */
    public String sessionPath(String id) {
        return session.replace("{id}", id);
    }
}
