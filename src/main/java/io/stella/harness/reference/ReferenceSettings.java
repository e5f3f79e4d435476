package io.stella.harness.reference;

import io.stella.harness.config.ConfigException;
import io.stella.harness.config.ContractLoader;
import io.stella.harness.config.JsonPaths;
import io.stella.harness.config.TargetContract;
import io.stella.harness.config.TargetLoader;
import io.stella.harness.config.Settings;
import io.stella.harness.reference.livekit.AgentFaults;
import io.stella.harness.reference.livekit.AgentPool;
import io.stella.harness.reference.livekit.LivekitSettings;
import io.stella.harness.reference.livekit.media.AgentVoice;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * How the reference target runs. Every field has a setting of the same name in the environment or
 * as {@code -D}; secrets not given are made up fresh for each start, so none is ever committed.
 */
public record ReferenceSettings(String host, int port, String clientId, String clientSecret, String jwtSecret,
                                LivekitSettings livekit, List<String> corsOrigins, String databaseUrl, int databasePoolSize,
                                double ratePerClientPerSec, int maxConcurrent, InjectedFaults faults,
                                ReferenceSwitches switches, TargetContract contract) {

    public static final String PORT = "REFERENCE_PORT";
    public static final String RATE_LIMIT = "REFERENCE_RATE_LIMIT_PER_SEC";
    /** Per client: far above what the shipped profiles send, within what one probe client can exceed. */
    public static final int DEFAULT_RATE_LIMIT_PER_SEC = 200;
    public static final String MAX_CONCURRENT = "REFERENCE_MAX_CONCURRENT";
    public static final String ADDED_LATENCY = "REFERENCE_ADDED_LATENCY";
    public static final String STALL = "REFERENCE_STALL";
    public static final String ERROR_PERCENT = "REFERENCE_ERROR_PERCENT";
    public static final String AGENT_DELAY = "REFERENCE_AGENT_DELAY_MS";
    public static final String JOIN_TIMEOUT = "REFERENCE_JOIN_TIMEOUT_SEC";
    public static final String MAX_PARTICIPANTS = "REFERENCE_MAX_PARTICIPANTS";
    /** A contract file the target speaks instead of the harness's own (STELLA_CONTRACT or STELLA_PATHS, else v1). */
    public static final String CONTRACT = "REFERENCE_CONTRACT";

    public ReferenceSettings {
        corsOrigins = List.copyOf(corsOrigins);
    }

    @Override
    public String toString() {
        return "ReferenceSettings[host=" + host + ", port=" + port + ", clientId=" + clientId
                + ", secrets=***, livekit=" + livekit + ", corsOrigins=" + corsOrigins
                + ", database=" + (databaseUrl == null ? "embedded H2" : "external") + ", ratePerClientPerSec="
                + ratePerClientPerSec + ", maxConcurrent=" + maxConcurrent + ", faults=" + faults.describe()
                + ", switches=" + switches + "]";
    }

    /** Settings for a target embedded in a run: a free loopback port unless one is named. */
    public static ReferenceSettings from(Settings settings) {
        return from(settings, 0);
    }

    public static ReferenceSettings from(Settings settings, int defaultPort) {
        InjectedFaults faults = InjectedFaults.parse(
                ADDED_LATENCY, settings.get(ADDED_LATENCY).orElse(null),
                STALL, settings.get(STALL).orElse(null),
                ERROR_PERCENT, settings.get(ERROR_PERCENT).orElse(null))
                .withBrokenAnswer(BrokenAnswers.parse(settings.get(BrokenAnswers.SETTING).orElse(null)))
                .withSlowerRoute(SlowerRoute.parse(settings.get(SlowerRoute.SETTING).orElse(null)));
        return new ReferenceSettings(
                "127.0.0.1",
                settings.wholeNumber(PORT, defaultPort, 0, 65535),
                settings.getOrDefault("STELLA_CLIENT_ID", "stella-harness"),
                settings.get("STELLA_CLIENT_SECRET").orElseGet(() -> randomSecret(24)),
                settings.get("JWT_SECRET").orElseGet(() -> randomSecret(32)),
                new LivekitSettings(settings.getOrDefault("LIVEKIT_API_KEY", "APIreference"),
                        settings.get("LIVEKIT_API_SECRET").orElseGet(() -> randomSecret(32)),
                        settings.get("LIVEKIT_URL").orElse(null),
                        settings.wholeNumber(AGENT_DELAY, 200, 0, 600_000),
                        settings.wholeNumber(JOIN_TIMEOUT, 60, 1, 86_400) * 1000L,
                        settings.wholeNumber(MAX_PARTICIPANTS, 10_000, 1, 1_000_000),
                        settings.getOrDefault("STELLA_AGENT_NAME", "stella-agent"),
                        ReferenceSwitches.from(settings).livekitVerifiesTokens(), AgentVoice.from(settings),
                        AgentPool.Shape.from(settings), AgentFaults.from(settings)),
                Arrays.stream(settings.getOrDefault("CORS_ORIGINS", "https://app.stella.example").split(","))
                        .map(String::trim).filter(origin -> !origin.isEmpty()).toList(),
                settings.get("DATABASE_URL").orElse(null),
                settings.wholeNumber("DATABASE_POOL_SIZE", 10, 1, 1000),
                settings.wholeNumber(RATE_LIMIT, DEFAULT_RATE_LIMIT_PER_SEC, 0, 10_000_000),
                settings.wholeNumber(MAX_CONCURRENT, 256, 1, 100_000),
                faults, ReferenceSwitches.from(settings), contract(settings));
    }

    /** The shape of API this target speaks; values are written only at dotted paths, so those are all it takes. */
    private static TargetContract contract(Settings settings) {
        Optional<String> file = settings.get(CONTRACT);
        TargetContract contract = file.isPresent() ? ContractLoader.load(Path.of(file.get())) : TargetLoader.contract(settings);
        TargetContract.SessionCalls sessions = contract.sessions();
        for (String path : List.of(contract.token().accessTokenPath(), contract.token().expiresInPath(), sessions.idPath(),
                sessions.livekitUrlPath(), sessions.participantTokenPath(), sessions.itemsPath())) {
            if (!JsonPaths.isDotted(path)) {
                throw new ConfigException(file.orElse("the contract") + ": " + path
                        + ": the reference target writes its answers only at .name paths, no [index] steps");
            }
        }
        return contract;
    }

    private static String randomSecret(int bytes) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
