package io.stella.harness.reference;

import io.stella.harness.config.ConfigException;
import io.stella.harness.config.Settings;

/**
 * Production features of the reference target that can be switched off, each so that the checklist
 * probe for it can be seen to fail against a target that truly lacks it. All on by default.
 */
public record ReferenceSwitches(boolean keepAlive, boolean cacheHeaders, boolean authRequired, boolean corsAllowList,
                                boolean livekitVerifiesTokens, boolean listIndex, boolean fastShedding,
                                boolean agentMetrics) {

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

    public static final ReferenceSwitches ALL_ON = new ReferenceSwitches(true, true, true, true, true, true, true, true);

    static ReferenceSwitches from(Settings settings) {
        return new ReferenceSwitches(flag(settings, KEEP_ALIVE), flag(settings, CACHE_HEADERS), flag(settings, AUTH_REQUIRED),
                flag(settings, CORS_ALLOW_LIST), flag(settings, LIVEKIT_VERIFIES_TOKENS), flag(settings, LIST_INDEX),
                flag(settings, FAST_SHEDDING), flag(settings, AGENT_METRICS));
    }

    private static boolean flag(Settings settings, String name) {
        String value = settings.get(name).orElse("true");
        if (!value.equals("true") && !value.equals("false")) {
            throw new ConfigException(name + ": must be true or false (was " + value + ")");
        }
        return Boolean.parseBoolean(value);
    }
}
