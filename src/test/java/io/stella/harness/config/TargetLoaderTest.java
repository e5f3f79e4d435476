package io.stella.harness.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TargetLoaderTest {

    @TempDir
    Path dir;

    @Test
    void noBaseUrlMeansTheEmbeddedReferenceTarget() {
        assertTrue(TargetLoader.external(new Settings(Map.of())).isEmpty());
        assertTrue(TargetLoader.external(new Settings(Map.of("STELLA_BASE_URL", "  "))).isEmpty());
    }

    @Test
    void anExternalTargetNeedsItsClientCredentials() {
        ConfigException error = assertThrows(ConfigException.class, () ->
                TargetLoader.external(new Settings(Map.of("STELLA_BASE_URL", "http://127.0.0.1:9"))));

        assertEquals("STELLA_CLIENT_ID: is required with STELLA_BASE_URL (the client the harness logs in as)", error.getMessage());
    }

    @Test
    void aTargetThatIsNotThisMachineIsRefusedUnlessItsHostIsConfirmed() {
        Map<String, String> staging = Map.of("STELLA_BASE_URL", "https://staging.stella.example/api",
                "STELLA_CLIENT_ID", "ci", "STELLA_CLIENT_SECRET", "s");

        ConfigException refused = assertThrows(ConfigException.class, () -> TargetLoader.external(new Settings(staging)));
        assertEquals("STELLA_BASE_URL: staging.stella.example is not this machine; to send load to it, confirm with"
                + " -Dtarget.confirm=staging.stella.example (nothing was sent)", refused.getMessage());

        ConfigException otherHost = assertThrows(ConfigException.class, () -> TargetLoader.external(new Settings(
                with(staging, "target.confirm", "prod.stella.example"))));
        assertTrue(otherHost.getMessage().startsWith("STELLA_BASE_URL: staging.stella.example is not this machine"));

        assertTrue(TargetLoader.external(new Settings(with(staging, "target.confirm", "prod.stella.example, Staging.Stella.Example")))
                .isPresent(), "a confirmed host, among others and in any case, goes ahead");
    }

    @Test
    void aLivekitServerElsewhereNeedsItsOwnConfirmation() {
        Map<String, String> settings = Map.of("STELLA_BASE_URL", "http://127.0.0.1:8080", "STELLA_CLIENT_ID", "ci",
                "STELLA_CLIENT_SECRET", "s", "LIVEKIT_URL", "wss://rtc.stella.example", "LIVEKIT_API_KEY", "k",
                "LIVEKIT_API_SECRET", "secret");

        ConfigException refused = assertThrows(ConfigException.class, () -> TargetLoader.external(new Settings(settings)));

        assertTrue(refused.getMessage().startsWith("LIVEKIT_URL: rtc.stella.example is not this machine"), refused.getMessage());
        assertTrue(TargetLoader.external(new Settings(with(settings, "target.confirm", "rtc.stella.example"))).isPresent());
    }

    private static Map<String, String> with(Map<String, String> settings, String key, String value) {
        Map<String, String> more = new java.util.HashMap<>(settings);
        more.put(key, value);
        return more;
    }

    @Test
    void anExternalTargetKeepsItsSecretOutOfToString() {
        TargetConfig target = TargetLoader.external(new Settings(Map.of("STELLA_BASE_URL", "https://stella.test/",
                "STELLA_CLIENT_ID", "ci", "STELLA_CLIENT_SECRET", "hunter2", "target.confirm", "stella.test"))).orElseThrow();

        assertEquals(URI.create("https://stella.test/"), target.baseUrl());
        assertEquals("https://stella.test", target.baseUrlText());
        assertFalse(target.embedded());
        assertFalse(target.toString().contains("hunter2"), target.toString());
    }

    @Test
    void aBaseUrlMustBeHttpWithAHost() {
        assertEquals("STELLA_BASE_URL: must be an http:// or https:// URL (was ftp://x)", assertThrows(ConfigException.class,
                () -> TargetLoader.parseBaseUrl("ftp://x")).getMessage());
        assertEquals("STELLA_BASE_URL: has no host (was http:///x)", assertThrows(ConfigException.class,
                () -> TargetLoader.parseBaseUrl("http:///x")).getMessage());
    }

    @Test
    void pathsCanBeRemappedForADeploymentThatDiffers() throws IOException {
        Path file = Files.writeString(dir.resolve("paths.json"), "{\"sessions\": \"/v2/sessions\", \"session\": \"/v2/sessions/{id}\"}");

        ContractPaths paths = TargetLoader.paths(new Settings(Map.of("STELLA_PATHS", file.toString())));

        assertEquals("/v2/sessions", paths.sessions());
        assertEquals("/v2/sessions/abc", paths.sessionPath("abc"));
        assertEquals(TargetContract.V1.paths().healthz(), paths.healthz());
    }

    @Test
    void aRemappedSessionPathMustHoldTheId() throws IOException {
        Path file = Files.writeString(dir.resolve("paths.json"), "{\"session\": \"/v2/session\"}");

        ConfigException error = assertThrows(ConfigException.class,
                () -> TargetLoader.paths(new Settings(Map.of("STELLA_PATHS", file.toString()))));

        assertEquals(file + ": /session must contain {id} (was /v2/session)", error.getMessage());
    }

    @Test
    void anUnknownPathNameIsRefusedWithAHint() throws IOException {
        Path file = Files.writeString(dir.resolve("paths.json"), "{\"healthzz\": \"/h\"}");

        ConfigException error = assertThrows(ConfigException.class,
                () -> TargetLoader.paths(new Settings(Map.of("STELLA_PATHS", file.toString()))));

        assertEquals(file + ": /healthzz is not a contract path (did you mean healthz?)", error.getMessage());
    }

    @Test
    void aSystemPropertyWinsOverTheEnvironmentUnderTheSameName() {
        System.setProperty("STELLA_TEST_SETTING", "from-property");
        try {
            assertEquals("from-property", Settings.fromSystem().get("STELLA_TEST_SETTING").orElseThrow());
        } finally {
            System.clearProperty("STELLA_TEST_SETTING");
        }
    }
}
