package io.stella.harness.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads the target from settings: {@code STELLA_BASE_URL}, {@code STELLA_CLIENT_ID},
 * {@code STELLA_CLIENT_SECRET} and, for a deployment that differs from the v1 contract,
 * {@code STELLA_CONTRACT} naming a contract file ({@link ContractLoader}), or {@code STELLA_PATHS}
 * naming a JSON file of {@link ContractPaths} fields where only the paths differ.
 */
public final class TargetLoader {

    public static final String BASE_URL = "STELLA_BASE_URL";
    public static final String CLIENT_ID = "STELLA_CLIENT_ID";
    public static final String CLIENT_SECRET = "STELLA_CLIENT_SECRET";
    public static final String PATHS_FILE = "STELLA_PATHS";
    public static final String CONTRACT_FILE = "STELLA_CONTRACT";
    /** The hosts, comma-separated, that the user confirms may be loaded although they are not this machine. */
    public static final String CONFIRM = "target.confirm";

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private TargetLoader() {
    }

    /** The external target, or empty when none was given and the reference target should start. */
    public static Optional<TargetConfig> external(Settings settings) {
        Optional<String> baseUrl = settings.get(BASE_URL);
        if (baseUrl.isEmpty()) {
            return Optional.empty();
        }
        URI uri = parseBaseUrl(baseUrl.get());
        LivekitTarget livekit = livekit(settings);
        requireConfirmed(BASE_URL, uri.getHost(), settings);
        if (livekit != null) {
            requireConfirmed("LIVEKIT_URL", hostOf("LIVEKIT_URL", livekit.url()), settings);
        }
        String clientId = settings.get(CLIENT_ID).orElseThrow(() -> new ConfigException(
                CLIENT_ID + ": is required with " + BASE_URL + " (the client the harness logs in as)"));
        String clientSecret = settings.get(CLIENT_SECRET).orElseThrow(() -> new ConfigException(
                CLIENT_SECRET + ": is required with " + BASE_URL));
        return Optional.of(new TargetConfig(uri, false, clientId, clientSecret, contract(settings), livekit));
    }

    /**
     * A host that is not this machine is loaded only when {@code -Dtarget.confirm} names it: a load
     * test aimed at the wrong system is an outage. Checked from the text, before any lookup or connection.
     */
    static void requireConfirmed(String setting, String host, Settings settings) {
        if (LoopbackHosts.isLoopback(host)) {
            return;
        }
        java.util.Set<String> confirmed = java.util.Arrays.stream(settings.getOrDefault(CONFIRM, "").split(","))
                .map(String::trim).filter(name -> !name.isEmpty()).map(name -> name.toLowerCase(java.util.Locale.ROOT))
                .collect(java.util.stream.Collectors.toSet());
        if (host == null || !confirmed.contains(host.toLowerCase(java.util.Locale.ROOT))) {
            throw new ConfigException(setting + ": " + host + " is not this machine; to send load to it, confirm with -D"
                    + CONFIRM + "=" + host + " (nothing was sent)");
        }
    }

    /** LIVEKIT_URL, LIVEKIT_API_KEY and LIVEKIT_API_SECRET together, or none of them. */
    static LivekitTarget livekit(Settings settings) {
        Optional<String> url = settings.get("LIVEKIT_URL");
        Optional<String> key = settings.get("LIVEKIT_API_KEY");
        Optional<String> secret = settings.get("LIVEKIT_API_SECRET");
        if (url.isEmpty() && key.isEmpty() && secret.isEmpty()) {
            return null;
        }
        if (url.isEmpty() || key.isEmpty() || secret.isEmpty()) {
            throw new ConfigException("LIVEKIT_URL, LIVEKIT_API_KEY, LIVEKIT_API_SECRET: give all three or none (missing: "
                    + String.join(", ", java.util.stream.Stream.of(url.isEmpty() ? "LIVEKIT_URL" : null,
                    key.isEmpty() ? "LIVEKIT_API_KEY" : null, secret.isEmpty() ? "LIVEKIT_API_SECRET" : null)
                    .filter(java.util.Objects::nonNull).toList()) + ")");
        }
        if (!url.get().matches("^wss?://.+")) {
            throw new ConfigException("LIVEKIT_URL: must be a ws:// or wss:// URL (was " + url.get() + ")");
        }
        return new LivekitTarget(url.get(), key.get(), secret.get());
    }

    /** The contract the target speaks: a contract file, or v1 with a paths file's paths, or v1. */
    public static TargetContract contract(Settings settings) {
        Optional<String> file = settings.get(CONTRACT_FILE);
        if (file.isPresent() && settings.get(PATHS_FILE).isPresent()) {
            throw new ConfigException(PATHS_FILE + ", " + CONTRACT_FILE + ": give one; a contract file has the paths too (its \"paths\")");
        }
        if (file.isPresent()) {
            return ContractLoader.load(Path.of(file.get()));
        }
        TargetContract v1 = TargetContract.V1;
        return new TargetContract(paths(settings), v1.token(), v1.sessions());
    }

    public static ContractPaths paths(Settings settings) {
        Optional<String> file = settings.get(PATHS_FILE);
        if (file.isEmpty()) {
            return ContractPaths.V1;
        }
        Path path = Path.of(file.get());
        try {
            ContractPaths overrides = MAPPER.readValue(Files.readString(path), ContractPaths.class);
            return merge(overrides, path.toString());
        } catch (UnrecognizedPropertyException e) {
            throw new ConfigException(path + ": /" + e.getPropertyName() + " is not a contract path"
                    + Suggestions.hint(e.getPropertyName(), e.getKnownPropertyIds().stream().map(Object::toString).toList()));
        } catch (JsonProcessingException e) {
            throw new ConfigException(path + ": not valid JSON: " + e.getOriginalMessage().lines().findFirst().orElse(""));
        } catch (IOException e) {
            throw new ConfigException(PATHS_FILE + "=" + file.get() + ": cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static String hostOf(String setting, String url) {
        try {
            String host = new URI(url).getHost();
            if (host == null) {
                throw new ConfigException(setting + ": has no host (was " + url + ")");
            }
            return host;
        } catch (URISyntaxException e) {
            throw new ConfigException(setting + ": is not a URL (was " + url + "): " + e.getReason());
        }
    }

    static URI parseBaseUrl(String text) {
        try {
            URI uri = new URI(text);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
                throw new ConfigException(BASE_URL + ": must be an http:// or https:// URL (was " + text + ")");
            }
            if (uri.getHost() == null) {
                throw new ConfigException(BASE_URL + ": has no host (was " + text + ")");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new ConfigException(BASE_URL + ": is not a URL (was " + text + "): " + e.getReason());
        }
    }

    private static ContractPaths merge(ContractPaths given, String source) {
        ContractPaths d = ContractPaths.V1;
        ContractPaths merged = new ContractPaths(
                or(given.healthz(), d.healthz()), or(given.readyz(), d.readyz()), or(given.token(), d.token()),
                or(given.sessions(), d.sessions()), or(given.session(), d.session()), or(given.metrics(), d.metrics()),
                or(given.staticAsset(), d.staticAsset()));
        if (!merged.session().contains("{id}")) {
            throw new ConfigException(source + ": /session must contain {id} (was " + merged.session() + ")");
        }
        return merged;
    }

    private static String or(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
