package io.stella.harness.latency;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pins Gatling 3.15.1's binary simulation.log format with a log recorded from a real run (the
 * reference target failing 20% of API calls). The expected figures are those of Gatling's own
 * report of that run (golden/gatling-3.15.1/index.html), an oracle independent of our reader.
 */
class GatlingLogReaderTest {

    static final Path GOLDEN_LOG = Path.of("src/test/resources/golden/gatling-3.15.1/simulation.log");
    /**
     * Injector 0 of the three in ShardedRunEndToEndIT, recorded on 2026-12-05 with another process keeping
     * one of the machine's two cores busy: Gatling stamped its run record 1.6 s before its first user arrived.
     */
    static final Path BUSY_INJECTOR_LOG = Path.of("src/test/resources/golden/busy-injector/simulation.log");

    @TempDir
    Path dir;

    @Test
    void readsTheRunHeaderAndEveryRecordOfARealLog() throws IOException {
        Recorded recorded = new Recorded();

        GatlingLogReader.Outcome outcome = GatlingLogReader.read(GOLDEN_LOG, recorded);

        assertFalse(outcome.truncated());
        assertEquals("3.15.1", recorded.run.gatlingVersion());
        assertEquals("io.stella.harness.simulations.BackendApiSimulation", recorded.run.simulationClassName());
        assertEquals(List.of("sessionJourney", "healthProbes"), recorded.run.scenarios());
        // Gatling's report of this run: total / KO per request
        assertEquals(Map.of("createSession", 9L, "endSession", 7L, "getSession", 7L, "healthz", 3L,
                "listSessions", 7L, "readyz", 3L, "token", 12L), recorded.countByName());
        assertEquals(Map.of("createSession", 2L, "endSession", 1L, "getSession", 3L, "listSessions", 2L, "token", 3L),
                recorded.failuresByName());
        assertEquals(48, recorded.requests.size());
    }

    @Test
    void responseTimesMatchGatlingsMinAndMax() throws IOException {
        Recorded recorded = new Recorded();

        GatlingLogReader.read(GOLDEN_LOG, recorded);

        // Gatling's report: All Requests min 2 ms, max 228 ms; healthz max 224 ms
        assertEquals(2, recorded.requests.stream().mapToLong(GatlingLogListener.Request::responseTimeMillis).min().orElseThrow());
        assertEquals(228, recorded.requests.stream().mapToLong(GatlingLogListener.Request::responseTimeMillis).max().orElseThrow());
        assertEquals(224, recorded.requests.stream().filter(r -> r.name().equals("healthz"))
                .mapToLong(GatlingLogListener.Request::responseTimeMillis).max().orElseThrow());
        assertTrue(recorded.requests.stream().allMatch(r -> r.startEpochMillis() >= recorded.run.startEpochMillis()));
    }

    @Test
    void keepsGatlingsFailureMessages() throws IOException {
        Recorded recorded = new Recorded();

        GatlingLogReader.read(GOLDEN_LOG, recorded);

        assertTrue(recorded.requests.stream().filter(r -> !r.ok())
                .allMatch(r -> r.message().matches("status\\.find\\.is\\(20[014]\\), found 500")), recorded.requests.toString());
        assertTrue(recorded.requests.stream().filter(GatlingLogListener.Request::ok).allMatch(r -> r.message().isEmpty()));
    }

    @Test
    void usersStartAndEndInTheirScenarios() throws IOException {
        Recorded recorded = new Recorded();

        GatlingLogReader.read(GOLDEN_LOG, recorded);

        assertEquals(15, recorded.users.stream().filter(GatlingLogListener.User::start).count());
        assertEquals(15, recorded.users.stream().filter(u -> !u.start()).count());
        assertEquals(12, recorded.users.stream().filter(u -> u.start() && u.scenario().equals("sessionJourney")).count());
    }

    @Test
    void theRunIsHandedOnAsItsLoadBeginsAtTheFirstUsersArrival() throws IOException {
        Recorded recorded = new Recorded();

        GatlingLogReader.read(BUSY_INJECTOR_LOG, recorded);

        long firstLogged = recorded.users.stream().filter(GatlingLogListener.User::start).findFirst().orElseThrow().epochMillis();
        long earliest = recorded.users.stream().filter(GatlingLogListener.User::start)
                .mapToLong(GatlingLogListener.User::epochMillis).min().orElseThrow();
        assertEquals(firstLogged, recorded.run.startEpochMillis());
        // Gatling logs from several threads: its first arrival logged may come a few milliseconds after the earliest
        assertEquals(7, firstLogged - earliest);
        assertEquals(1618, recorded.run.startEpochMillis() - recorded.run.gatlingStartEpochMillis(),
                "Gatling's own stamp came before its injector started");
        assertTrue(recorded.requests.stream().allMatch(r -> r.startEpochMillis() >= recorded.run.startEpochMillis()));
        assertEquals(0, recorded.recordsBeforeRun, "the run comes before every other record");
    }

    @Test
    void anInjectorThatKeptToItsPlanIsNotBehindForHowLongGatlingTookToStartIt() throws IOException {
        // the sharded profile's third: 2 s at 5 users/s, then 8 s at 10 users/s
        io.stella.harness.config.LoadShape shard = new io.stella.harness.config.LoadShape(2, 5, 0, 10, 8);
        RunMeasurements measurements = new RunMeasurements(2_000, null);

        GatlingLogReader.read(BUSY_INJECTOR_LOG, measurements);

        io.stella.harness.verdict.InjectorSchedule schedule =
                io.stella.harness.verdict.InjectorSchedule.check(shard, measurements.userStartsPerSecond());
        assertEquals(90, schedule.startedUsers());
        assertFalse(schedule.behind(), schedule.reason()); // counted from Gatling's stamp it read 1.5 s behind
        assertTrue(schedule.maxBehindSec() < 1.0, schedule.reason());
    }

    @Test
    void aLogCutInsideARecordKeepsEverythingBeforeTheCut() throws IOException {
        byte[] whole = Files.readAllBytes(GOLDEN_LOG);
        Path cut = Files.write(dir.resolve("cut.log"), java.util.Arrays.copyOf(whole, whole.length - 7));
        Recorded recorded = new Recorded();

        GatlingLogReader.Outcome outcome = GatlingLogReader.read(cut, recorded);

        assertTrue(outcome.truncated());
        assertTrue(recorded.requests.size() >= 46, "records before the cut: " + recorded.requests.size());
    }

    @Test
    void aFileThatIsNotAGatlingLogIsRefused() throws IOException {
        Path text = Files.writeString(dir.resolve("text.log"), "RUN\tsimulation\tthis is the old text format\n");

        IOException error = assertThrows(IOException.class, () -> GatlingLogReader.read(text, new Recorded()));

        assertTrue(error.getMessage().startsWith("not a Gatling 3.13+ simulation.log"), error.getMessage());
    }

    static final class Recorded implements GatlingLogListener {
        Run run;
        int recordsBeforeRun;
        final List<Request> requests = new ArrayList<>();
        final List<User> users = new ArrayList<>();

        @Override
        public void onRun(Run run) {
            this.run = run;
        }

        @Override
        public void onRequest(Request request) {
            recordsBeforeRun += run == null ? 1 : 0;
            requests.add(request);
        }

        @Override
        public void onUser(User user) {
            recordsBeforeRun += run == null ? 1 : 0;
            users.add(user);
        }

        Map<String, Long> countByName() {
            Map<String, Long> counts = new TreeMap<>();
            requests.forEach(r -> counts.merge(r.name(), 1L, Long::sum));
            return counts;
        }

        Map<String, Long> failuresByName() {
            Map<String, Long> counts = new TreeMap<>();
            requests.stream().filter(r -> !r.ok()).forEach(r -> counts.merge(r.name(), 1L, Long::sum));
            return counts;
        }
    }
}
