package io.stella.harness.reference;

import io.stella.harness.config.Settings;

/**
 * Production features of the reference target that can be switched off, each so that the checklist
 * probe for it can be seen to fail against a target that truly lacks it. All on by default.
 */
public record ReferenceSwitches(boolean keepAlive, boolean cacheHeaders, boolean authRequired, boolean corsAllowList,
                                boolean livekitVerifiesTokens, boolean listIndex, boolean fastShedding,
                                boolean agentMetrics, boolean requestIds) {

    public static final String KEEP_ALIVE = "REFERENCE_KEEP_ALIVE";
    public static final String CACHE_HEADERS = "REFERENCE_CACHE_HEADERS";
    public static final String AUTH_REQUIRED = "REFERENCE_AUTH_REQUIRED";
    public static final String CORS_ALLOW_LIST = "REFERENCE_CORS_ALLOW_LIST";
    public static final String LIVEKIT_VERIFIES_TOKENS = "REFERENCE_LIVEKIT_VERIFIES_TOKENS";
    public static final String LIST_INDEX = "REFERENCE_LIST_INDEX";
    /** Off: every refusal (rate limit or overload) is held a second and sent as a bare 503, as a server that queues until it gives up. */
    public static final String FAST_SHEDDING = "REFERENCE_FAST_SHEDDING";

    /** Off: /metrics says nothing of the agent pool (no agent pod count), as a deployment that does not export it. */
    public static final String AGENT_METRICS = "REFERENCE_AGENT_METRICS";

    /** Off: answers carry no X-Request-Id and a request's is not echoed, as a service that does not correlate requests. */
    public static final String REQUEST_IDS = "REFERENCE_REQUEST_IDS";

    public static final ReferenceSwitches ALL_ON = new ReferenceSwitches(true, true, true, true, true, true, true, true, true);

    static ReferenceSwitches from(Settings settings) {
        return new ReferenceSwitches(settings.flag(KEEP_ALIVE, true), settings.flag(CACHE_HEADERS, true), settings.flag(AUTH_REQUIRED, true),
                settings.flag(CORS_ALLOW_LIST, true), settings.flag(LIVEKIT_VERIFIES_TOKENS, true), settings.flag(LIST_INDEX, true),
                settings.flag(FAST_SHEDDING, true), settings.flag(AGENT_METRICS, true), settings.flag(REQUEST_IDS, true));
    }
}
