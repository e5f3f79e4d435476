package io.stella.harness.signoff;

/**
 * The items of STELLA's production checklist ({@code shared/production-checklist.md}) that a load
 * harness can give evidence for from outside the system, in the checklist's own words.
 */
public enum ChecklistItem {
    RESPONSE_TIME_TARGETS("Performance / Latency", "Response time targets", "P50, P95, P99 defined"),
    CDN_CONFIGURED("Performance / Latency", "CDN configured", "Static assets cached"),
    DATABASE_INDEXES("Performance / Latency", "Database indexes", "Optimized queries"),
    CONNECTION_REUSE("Performance / Latency", "Connection reuse", "HTTP keep-alive"),
    LOAD_TESTING_COMPLETED("Performance / Capacity", "Load testing completed", "Know your limits"),
    CAPACITY_PLANNING("Performance / Capacity", "Capacity planning", "Growth projections"),
    GRACEFUL_DEGRADATION("Performance / Capacity", "Graceful degradation", "Behavior under load"),
    API_AUTHENTICATION("Security / Authentication & Authorization", "API authentication enabled", "Secure all endpoints"),
    LIVEKIT_TOKENS_VALIDATED("Security / Authentication & Authorization", "LiveKit tokens validated", "Verify token signatures"),
    HTTPS_ENABLED("Security / Authentication & Authorization", "HTTPS enabled", "TLS certificates configured"),
    CORS_CONFIGURED("Security / Authentication & Authorization", "CORS configured", "Only allow trusted origins"),
    RATE_LIMITING_ENABLED("Security / Authentication & Authorization", "Rate limiting enabled", "Prevent abuse"),
    HEALTH_CHECKS_CONFIGURED("Infrastructure / Kubernetes", "Health checks configured", "Liveness and readiness probes"),
    KEY_METRICS_DEFINED("Monitoring / Metrics", "Key metrics defined", "Request latency, error rates, active sessions, database connections"),
    CROSS_SERVICE_CORRELATION("Monitoring / Tracing", "Cross-service correlation", "Request IDs"),
    CERTIFICATES_VALID("Pre-Launch / Final Verification", "SSL certificates valid and not expiring soon", "Chain valid, 30 days or more left"),
    LOAD_TEST_RESULTS_ACCEPTABLE("Pre-Launch / Final Verification", "Load test results acceptable", "The overall verdict");

    private final String section;
    private final String title;
    private final String text;

    ChecklistItem(String section, String title, String text) {
        this.section = section;
        this.title = title;
        this.text = text;
    }

    public String section() {
        return section;
    }

    public String title() {
        return title;
    }

    /** The checklist's line after the title, e.g. "Know your limits". */
    public String text() {
        return text;
    }
}
