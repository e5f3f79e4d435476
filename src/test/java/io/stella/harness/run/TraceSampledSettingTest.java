package io.stella.harness.run;

import io.stella.harness.config.ConfigException;
import io.stella.harness.config.KnownNames;
import io.stella.harness.config.Profile;
import io.stella.harness.config.ProfileLoader;
import io.stella.harness.config.Settings;
import io.stella.harness.config.TargetConfig;
import io.stella.harness.config.TargetContract;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code -Dtrace.sampled}: off unless asked for, refused in one line when neither true nor false, announced when on. */
class TraceSampledSettingTest {

    @Test
    void notGivenTheRequestsAreNotMarkedSampled() {
        assertFalse(new Settings(Map.of()).flag(HarnessRun.TRACE_SAMPLED, false));
        assertTrue(new Settings(Map.of("trace.sampled", "true")).flag(HarnessRun.TRACE_SAMPLED, false));
    }

    @Test
    void aValueOtherThanTrueOrFalseIsRefusedInOneLineNamingTheSetting() {
        ConfigException refused = assertThrows(ConfigException.class,
                () -> new Settings(Map.of("trace.sampled", "maybe")).flag(HarnessRun.TRACE_SAMPLED, false));

        assertEquals("trace.sampled: must be true or false (was maybe)", refused.getMessage());
    }

    @Test
    void theAnnounceSaysSoWhenEveryRequestIsMarkedSampledAndNothingOtherwise() throws Exception {
        assertTrue(announced(true).contains("\n  traces  every request's traceparent is marked sampled (flags 01,"
                + " -Dtrace.sampled=true): a target that follows it traces all of the load\n"), announced(true));
        assertFalse(announced(false).contains("traces"), announced(false));
    }

    private static String announced(boolean traceSampled) {
        KnownNames known = new KnownNames("BackendApiSimulation", Set.of("sessionJourney", "healthProbes"), Set.of("healthz"),
                Set.of());
        Profile profile = ProfileLoader.load(Path.of("src/test/resources/profiles/one-second.json"), known);
        RunPlan plan = RunPlan.builder().profile(profile).target(new TargetConfig(URI.create("http://127.0.0.1:9"), false, "c", "s", TargetContract.V1, null))
                .simulation("BackendApiSimulation").startedAt(Instant.now()).gatlingResultsDir(Path.of("target/gatling"))
                .resultsRoot(Path.of("results")).resultsFolder(Path.of("results", "one-second")).traceSampled(traceSampled).build();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        plan.announce(new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }
}
