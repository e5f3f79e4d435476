package io.stella.harness.run;

import io.stella.harness.config.ContractPaths;
import io.stella.harness.config.KnownNames;
import io.stella.harness.config.Profile;
import io.stella.harness.config.ProfileLoader;
import io.stella.harness.config.TargetConfig;
import io.stella.harness.latency.VoiceMetrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every exit code is in README's table; the end-to-end tests cover 0, 99, 104, 111 and 130 (the smoke,
 * impossible, fraction, unhealthy-target and interrupted runs; 99 also for an aborted run); here: a run whose Gatling log is missing is a harness
 * error, exit 1, and says so in one line.
 */
class ExitCodeTest {

    @TempDir
    Path dir;

    @Test
    void everyExitCodeIsInTheReadmeTable() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        for (ExitCode code : ExitCode.values()) {
            assertTrue(readme.contains("\n| " + code.code() + " | "), "README's exit code table lacks " + code);
        }
    }

    @Test
    void aRunWithoutAGatlingLogIsAHarnessErrorNamedInOneLine() throws IOException {
        KnownNames known = new KnownNames("BackendApiSimulation", Set.of("sessionJourney", "healthProbes"), Set.of("token"),
                Set.of());
        Profile profile = ProfileLoader.load(Path.of("src/test/resources/profiles/one-second.json"), known);
        Path gatlingResults = Files.createDirectories(dir.resolve("gatling"));
        RunPlan plan = new RunPlan(profile, new TargetConfig(URI.create("http://127.0.0.1:9"), false, "c", "s", ContractPaths.V1, null),
                "BackendApiSimulation", Instant.now(), gatlingResults, dir.resolve("results"), null);
        ByteArrayOutputStream console = new ByteArrayOutputStream();

        RunFinisher finisher = RunFinisher.finish(plan, new VoiceMetrics(), List.of(), null, new double[0], false,
                new PrintStream(console, true, StandardCharsets.UTF_8));

        assertEquals(ExitCode.HARNESS_ERROR, finisher.exitCode());
        String output = console.toString(StandardCharsets.UTF_8);
        assertTrue(output.startsWith("STELLA harness: no simulation.log under " + gatlingResults), output);
        assertEquals(1, output.lines().count(), output);
    }
}
