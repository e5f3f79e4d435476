package io.stella.harness.run.end;

import io.stella.harness.judgement.ExitCode;
import io.stella.harness.run.RunPlan;
import io.stella.harness.run.live.LiveRun;
import io.stella.harness.config.TargetContract;
import io.stella.harness.config.KnownNames;
import io.stella.harness.config.Profile;
import io.stella.harness.config.ProfileLoader;
import io.stella.harness.config.TargetConfig;
import io.stella.harness.latency.VoiceMetrics;
import org.junit.jupiter.api.Assumptions;
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

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
        RunPlan plan = RunPlan.builder().profile(profile).target(new TargetConfig(URI.create("http://127.0.0.1:9"), false, "c", "s", TargetContract.V1, null))
                .simulation("BackendApiSimulation").startedAt(Instant.now()).gatlingResultsDir(gatlingResults).resultsRoot(dir.resolve("results"))
                .resultsFolder(Files.createDirectories(dir.resolve("results").resolve("one-second"))).build();
        ByteArrayOutputStream console = new ByteArrayOutputStream();

        Ended finisher = RunEnd.finish(plan, EndInputs.ofFinishedRun(new VoiceMetrics(), List.of(), new LiveRun(profile, null).observed(), new double[0]),
                new PrintStream(console, true, StandardCharsets.UTF_8));

        assertEquals(ExitCode.HARNESS_ERROR, finisher.exitCode());
        String output = console.toString(StandardCharsets.UTF_8);
        assertTrue(output.startsWith("STELLA harness: no simulation.log under " + gatlingResults), output);
        assertEquals(1, output.lines().count(), output);
    }

    @Test
    void aFullDiskIsAHarnessErrorNamedInOneLineAndGatlingsLogIsKept() throws Exception {
        Path disk = Files.createDirectories(dir.resolve("tiny-disk"));
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", disk.toString())
                .redirectErrorStream(true).start();
        Assumptions.assumeTrue(mount.waitFor() == 0, "a full disk needs a tmpfs mount, which this machine does not allow");
        try {
            Path folder = Files.createDirectories(disk.resolve("results").resolve("one-second")); // made before the load
            fill(disk);
            KnownNames known = new KnownNames("BackendApiSimulation", Set.of("sessionJourney", "healthProbes"),
                    Set.of("token", "createSession", "getSession", "listSessions", "endSession", "healthz", "readyz"), Set.of());
            Profile profile = ProfileLoader.load(Path.of("src/test/resources/profiles/one-second.json"), known);
            Instant started = Instant.now().minusSeconds(1);
            Path gatlingRun = Files.createDirectories(dir.resolve("gatling").resolve("backendapisimulation-1"));
            Path log = Files.copy(Path.of("src/test/resources/golden/gatling-3.15.1/simulation.log"), gatlingRun.resolve("simulation.log"));
            byte[] measured = Files.readAllBytes(log);
            RunPlan plan = RunPlan.builder().profile(profile).target(new TargetConfig(URI.create("http://127.0.0.1:9"), false, "c", "s", TargetContract.V1, null))
                    .simulation("BackendApiSimulation").startedAt(started).gatlingResultsDir(dir.resolve("gatling"))
                    .resultsRoot(disk.resolve("results")).resultsFolder(folder).build();
            ByteArrayOutputStream console = new ByteArrayOutputStream();

            Ended finisher = RunEnd.finish(plan, EndInputs.ofFinishedRun(new VoiceMetrics(), List.of(), new LiveRun(profile, null).observed(), new double[0]),
                new PrintStream(console, true, StandardCharsets.UTF_8));

            assertEquals(ExitCode.HARNESS_ERROR, finisher.exitCode());
            String output = console.toString(StandardCharsets.UTF_8);
            assertEquals(1, output.lines().count(), output);
            assertTrue(output.startsWith("STELLA harness: could not write the results under " + disk.resolve("results") + ": "), output);
            assertTrue(output.contains("No space left on device (the disk is full: free some space, or point -Dharness.resultsRoot"
                    + " elsewhere); the measurements are kept in Gatling's log " + log), output);
            assertArrayEquals(measured, Files.readAllBytes(log), "Gatling's log is untouched");
        } finally {
            new ProcessBuilder("umount", disk.toString()).start().waitFor();
        }
    }

    /** Writes until the file system refuses: what is left is a disk with no space. */
    private static void fill(Path disk) throws IOException {
        byte[] block = new byte[1024];
        try (var out = Files.newOutputStream(disk.resolve("filler"))) {
            while (true) {
                out.write(block);
            }
        } catch (IOException full) {
            if (!String.valueOf(full.getMessage()).contains("No space left on device")) {
                throw full;
            }
        }
    }
}
