package io.stella.harness.judgement;

import io.stella.harness.commands.Judge;
import io.stella.harness.run.RunFolderClaim;
import io.stella.harness.run.RunPlan;
import io.stella.harness.run.end.EndInputs;
import io.stella.harness.run.end.RunEnd;
import io.stella.harness.run.live.LiveRun;
import io.stella.harness.config.KnownNames;
import io.stella.harness.config.Profile;
import io.stella.harness.config.ProfileLoader;
import io.stella.harness.config.Shard;
import io.stella.harness.config.TargetConfig;
import io.stella.harness.config.TargetContract;
import io.stella.harness.latency.VoiceMetrics;
import io.stella.harness.results.RunFolder;
import org.junit.jupiter.api.BeforeEach;
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
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A merge is judged only on every injector of the run: given a sharded run's folder whose injectors
 * wrote their results as a run does (from a recorded Gatling log), one missing, refused, unreadable or
 * of another run makes the judgement NO-GO naming it, never GO, never a stack trace.
 */
class JudgedPartsTest {

    private static final String RUN_ID = "nightly-42";

    @TempDir
    Path dir;
    private Path run;

    @BeforeEach
    void injectorZeroOfTwoWroteItsResults() throws IOException {
        run = dir.resolve("results").resolve(RUN_ID);
        injector(0, 2, RUN_ID);
    }

    @Test
    void bothInjectorsThereNameNothingMissing() throws IOException {
        injector(1, 2, RUN_ID);

        String output = judged(run);

        assertFalse(output.contains("MISSING") || output.contains("left no results") || output.contains("next:"), output);
        assertTrue(output.contains("STELLA judge: 2 injector(s) merged"), output);
    }

    @Test
    void anInjectorKilledMidRunLeftOnlyItsPlanAndIsNamed() throws IOException {
        RunFolderClaim.claim(dir.resolve("results"), "one-second", Instant.now(), new Shard(1, 2), RUN_ID);

        String output = judged(run);

        assertTrue(output.contains("VETO  injector 1 of 2 left no results: its folder " + run.resolve("injectors/1")
                + " holds no summary.json (killed, or stopped before it could write them)"), output);
        assertTrue(output.contains("next: the merge describes only part of the planned load"), output);
        assertTrue(output.contains("STELLA judge: NO-GO, exit code 99"), output);
        assertTrue(Files.readString(run.resolve("summary.json")).contains("\"status\" : \"INCONCLUSIVE\""), "judged, and said why");
    }

    @Test
    void anInjectorThatNeverMadeItsFolderIsNamedByTheCountTheOthersRecorded() throws IOException {
        assertTrue(judged(run).contains("VETO  injector 1 of 2 left no results: it never made its folder"));
    }

    @Test
    void anInjectorRefusedBeforeItsLoadIsNamedWithWhy() throws IOException {
        Path late = RunFolderClaim.claim(dir.resolve("results"), "one-second", Instant.now(), new Shard(1, 2), RUN_ID);
        RunFolderClaim.release(late, new Shard(1, 2), List.of("-Dshard.startAt: the injectors' start passed 4.2 s ago"));

        assertTrue(judged(run).contains("VETO  injector 1 of 2 was refused before any load: -Dshard.startAt: the injectors'"
                + " start passed 4.2 s ago"));
    }

    @Test
    void anInjectorOfAnotherRunIsNamed() throws IOException {
        Path other = injector(1, 2, "nightly-41");
        Files.move(other, run.resolve("injectors/1"));

        assertTrue(judged(run).contains("VETO  injector 1 of 2 belongs to another run: run id nightly-41, not " + RUN_ID));
    }

    @Test
    void anInjectorThatRanAnotherProfileIsNamed() throws IOException {
        Path one = injector(1, 2, RUN_ID);
        RunFolder.writePlan(one, new RunFolder.InjectorPlan(RUN_ID, "load", 1, 2, Instant.now().toString()));

        assertTrue(judged(run).contains("VETO  injector 1 of 2 ran another profile: load, not one-second"));
    }

    @Test
    void anInjectorWhoseSummaryCannotBeReadIsNamedAndNoTemporaryFileIsLeft() throws IOException {
        Path one = injector(1, 2, RUN_ID);
        Files.writeString(one.resolve("summary.json"), "{\"window\": {\"measuredFrom\": \"yesterday\", \"measuredSec\": 1}}");

        String output = judged(run);

        assertTrue(output.contains("VETO  injector 1 of 2: its results cannot be read (" + one.resolve("summary.json")), output);
        try (Stream<Path> files = Files.walk(run)) {
            assertEquals(List.of(), files.filter(file -> file.toString().endsWith(".tmp")).toList());
        }
    }

    @Test
    void oneInjectorJudgedAloneIsNoGoForItHoldsOnlyItsShare() throws IOException {
        String output = judged(run.resolve("injectors/0"));

        assertTrue(output.contains("VETO  injector 0 of 2 judged alone: the other injectors' share of the load is not in these"
                + " figures"), output);
    }

    @Test
    void noInjectorWithResultsIsNoGoAndWritesNothing() throws IOException {
        Path zero = run.resolve("injectors/0");
        Files.delete(zero.resolve("summary.json"));

        String output = judged(run);

        assertTrue(output.contains("MISSING  injector 0 of 2 left no results"), output);
        assertTrue(output.contains("STELLA judge: NO-GO, exit code 99; nothing written"), output);
        assertFalse(Files.exists(run.resolve("summary.json")));
    }

    /** What the judge prints, having checked that it exited NO-GO (99) unless both injectors are there. */
    private static String judged(Path folder) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ExitCode code = Judge.run(new String[] {folder.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8));
        String output = out.toString(StandardCharsets.UTF_8);
        assertFalse(output.contains("Exception") && output.contains("\tat "), "no stack trace: " + output);
        if (output.contains("VETO") || output.contains("MISSING")) {
            assertEquals(ExitCode.NO_GO, code, output);
        }
        return output;
    }

    /** Injector {@code index} of {@code count} of run {@code runId}: its folder claimed, its results made from a recorded Gatling log. */
    private Path injector(int index, int count, String runId) throws IOException {
        KnownNames known = new KnownNames("BackendApiSimulation", Set.of("sessionJourney", "healthProbes"),
                Set.of("token", "createSession", "getSession", "listSessions", "endSession", "healthz", "readyz"), Set.of());
        Profile profile = ProfileLoader.load(Path.of("src/test/resources/profiles/one-second.json"), known);
        Path gatling = dir.resolve("gatling-" + runId + "-" + index);
        Path gatlingRun = Files.createDirectories(gatling.resolve("backendapisimulation-1"));
        Files.copy(Path.of("src/test/resources/golden/gatling-3.15.1/simulation.log"), gatlingRun.resolve("simulation.log"));
        Instant started = Instant.now().minusSeconds(1);
        Shard shard = new Shard(index, count);
        Path root = dir.resolve("results");
        Path folder = RunFolderClaim.claim(root, profile.name(), started, shard, runId);
        RunPlan plan = RunPlan.builder().profile(profile).target(new TargetConfig(URI.create("http://127.0.0.1:9"), false, "c", "s", TargetContract.V1, null))
                .simulation("BackendApiSimulation").startedAt(started).gatlingResultsDir(gatling).resultsRoot(root).resultsFolder(folder)
                .shard(shard).runId(runId).build();
        RunEnd.finish(plan, EndInputs.ofFinishedRun(new VoiceMetrics(), List.of(), new LiveRun(profile, null).observed(), new double[0]),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertTrue(Files.isRegularFile(folder.resolve("summary.json")), "injector " + index + " wrote its results");
        return folder;
    }
}
