package io.stella.harness.run.live;

import io.stella.harness.verdict.LiveKnee;
import io.stella.harness.config.KnownNames;
import io.stella.harness.config.Profile;
import io.stella.harness.config.ProfileLoader;
import io.stella.harness.verdict.CapacitySearch;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Given live answers to the stairs of degradation-short (3 s warm-up; 20, 40, 60, 80/s held 4 s with
 * 1 s ramps; 2 s settle; 8 s at 1.5x the knee, 10 s at 0.5x), expect each step judged as its hold
 * ends, the steps after a break refining the knee (or none after a hard break), and exactly the
 * wanted share of arrivals let through.
 */
class CapacityGateTest {

    static final KnownNames NAMES = new KnownNames("BackendApiSimulation", Set.of("sessionJourney", "healthProbes"),
            Set.of("token", "createSession"), Set.of());
    static final Profile PROFILE = ProfileLoader.load(Path.of("src/test/resources/profiles/degradation-short.json"), NAMES);
    static final long OVERLOAD_START_MILLIS = (3 + 19 + 2) * 1000L;

    private final CapacityGate gate = new CapacityGate(PROFILE, step -> java.util.Map.of());

    CapacityGateTest() {
        gate.runStarts(0);
    }

    @Test
    void theKneeIsTheLastStepBeforeTheFirstThatBrokeWhenTheRefiningStepBreaksToo() {
        stepsWithErrorsFrom(2);

        LiveKnee knee = gate.knee();

        assertEquals(CapacitySearch.Finding.KNEE_FOUND, knee.finding());
        assertEquals(40.0, knee.kneeRatePerSec());
        assertEquals(60.0, knee.overloadRatePerSec());
        assertEquals(20.0, knee.recoveryRatePerSec());
        assertEquals(Arrays.asList(20.0, 40.0, 60.0, 50.0), gate.observed().stepRates(), "the last step bisects 40..60");
    }

    @Test
    void aRefiningStepThatHoldsRaisesTheKneeBetweenTheSteps() {
        step(0, 0);
        step(1, 0);
        step(2, 3);  // a third of its answers 503: broken, not hard
        step(3, 0);  // run at 50/s, the middle of 40 and 60: holds

        assertEquals(50.0, gate.knee().kneeRatePerSec());
        assertFalse(gate.observed().stoppedEarly());
    }

    @Test
    void aHardBreakStopsTheSearchAndLaterStepsSendNothing() {
        step(0, 0);
        step(1, 0);
        step(2, 1);  // every answer 503
        long step3Hold = 3000 + 3 * 5000L;

        assertFalse(gate.admit("sessionJourney", step3Hold + 100), "nothing is sent after a hard break");
        assertTrue(gate.observed().stoppedEarly());
        assertEquals(Arrays.asList(20.0, 40.0, 60.0, 0.0), gate.observed().stepRates());
        assertEquals(40.0, gate.knee().kneeRatePerSec());
    }

    @Test
    void aRefiningStepAdmitsItsShareOfThePlannedStep() {
        step(0, 0);
        step(1, 0);
        step(2, 3);
        long step3Hold = 3000 + 3 * 5000L;
        int admitted = 0;
        for (int i = 0; i < 320; i++) { // the planned 80/s over the 4 s hold
            admitted += gate.admit("sessionJourney", step3Hold + i * 4000L / 320) ? 1 : 0;
        }
        assertWithinOne(200, admitted, "50/s of the 80/s started, over 4 s");
    }

    @Test
    void everyArrivalGoesAheadWhileTheStairsClimbAndHold() {
        stepsWithErrorsFrom(4); // every step holds
        long stairsEnd = (3 + 19) * 1000L;
        for (long t = 0; t < stairsEnd; t += 7) {
            assertTrue(gate.admit("sessionJourney", t), "at " + t + " ms");
        }
        assertNull(gate.observed().knee(), "the knee is judged only when the phase starts");
        assertEquals(Arrays.asList(20.0, 40.0, 60.0, 80.0), gate.observed().stepRates());
    }

    @Test
    void theOverloadAdmitsKneeTimesOnePointFiveAndTheRecoveryHalfTheKnee() {
        stepsWithErrorsFrom(2);
        // Injected at 1.5 x the top step (80/s) = 120/s per the whole mix; here one scenario gets them all.
        int overloadArrivals = 120 * 8;
        int admitted = 0;
        for (int i = 0; i < overloadArrivals; i++) {
            admitted += gate.admit("sessionJourney", OVERLOAD_START_MILLIS + i * 1000L / 120) ? 1 : 0;
        }
        assertWithinOne(60 * 8, admitted, "60/s of 120/s over 8 s");

        int recoveryAdmitted = 0;
        for (int i = 0; i < 120 * 10; i++) {
            recoveryAdmitted += gate.admit("sessionJourney", OVERLOAD_START_MILLIS + 8000 + i * 1000L / 120) ? 1 : 0;
        }
        assertWithinOne(20 * 10, recoveryAdmitted, "20/s of 120/s over 10 s");
    }

    @Test
    void eachScenarioKeepsItsOwnShareSoAlternatingArrivalsAreNotSkewed() {
        stepsWithErrorsFrom(2);
        int journeys = 0;
        int probes = 0;
        for (int i = 0; i < 1200; i++) {
            long t = OVERLOAD_START_MILLIS + i * 5L;
            journeys += gate.admit("sessionJourney", t) ? 1 : 0;
            probes += gate.admit("healthProbes", t) ? 1 : 0;
        }
        assertWithinOne(600, journeys, "half of each scenario's 1200");
        assertWithinOne(600, probes, "half of each scenario's 1200");
    }

    @Test
    void whenTheFirstStepBreaksNothingIsAdmittedInThePhase() {
        stepsWithErrorsFrom(0);

        assertFalse(gate.admit("sessionJourney", OVERLOAD_START_MILLIS + 100));
        assertEquals(CapacitySearch.Finding.FAILED_AT_FIRST_STEP, gate.observed().knee().finding());
    }

    @Test
    void aWebSocketRequestHasNoStatusAndFailsOnlyByItsChecks() {
        for (int step = 0; step < 4; step++) {
            long holdStart = 3000 + step * 5000L;
            for (int i = 0; i < 100; i++) {
                // a join or a ping: no HTTP status; from step 2 on every third one's check fails
                gate.record("join", holdStart + i * 30, 5, null, false, step >= 2 && i % 3 == 0);
            }
        }

        assertEquals(40.0, gate.knee().kneeRatePerSec(), "steps 0 and 1 held: no status is no error");
    }

    @Test
    void overloadRefusalsWithoutRetryAfterAreCounted() {
        gate.record("token", OVERLOAD_START_MILLIS + 10, 1, 429, true, true);
        gate.record("token", OVERLOAD_START_MILLIS + 20, 1, 503, false, true);
        gate.record("token", OVERLOAD_START_MILLIS + 30, 1, 200, false, false);
        gate.record("token", 5_000, 1, 503, false, true); // a stairs refusal: not the overload's

        assertEquals(2, gate.observed().refusals());
        assertEquals(1, gate.observed().refusalsWithoutRetryAfter());
    }

    @Test
    void aStepWhoseGreetingsWentUnansweredBreaksThoughItsRequestsHeld() {
        Profile voiceCapacity = ProfileLoader.load(Path.of("simulations/voice-media-capacity.json"), new KnownNames(
                "VoiceConversationSimulation", Set.of("voiceConversation"),
                io.stella.harness.latency.VoiceMetrics.NAMES.stream().collect(java.util.stream.Collectors.toSet()), Set.of()));
        io.stella.harness.latency.VoiceMetrics voice = new io.stella.harness.latency.VoiceMetrics();
        voice.loadStarts(0);
        long warmUpMillis = voiceCapacity.load().warmUpSec() * 1000L;
        voice.stepsOf(voiceCapacity.load().stairs(), warmUpMillis);
        CapacityGate conversations = new CapacityGate(voiceCapacity, voice::stepWindows);
        conversations.runStarts(0);
        // 0.2, 0.4, 0.6, 0.8 callers/s held 20 s after the warm-up, 5 s ramps: eight calls a hold,
        // every greeting heard in the first two steps, every fourth one never in the later two (a break, not a hard one).
        for (int step = 0; step < 4; step++) {
            long holdStart = warmUpMillis + step * 25_000L;
            for (int call = 0; call < 8; call++) {
                long placed = holdStart + call * 2000L;
                boolean unanswered = step >= 2 && call % 4 == 0;
                conversations.record("createSession", placed, 20, 201, false, false);
                voice.recordFailure(io.stella.harness.latency.VoiceMetrics.TIME_TO_GREETING, placed, unanswered ? 5000 : 600,
                        unanswered ? io.stella.harness.latency.ErrorKind.NO_REPLY : null);
                voice.record(io.stella.harness.latency.VoiceMetrics.VOICE_TO_VOICE, placed + 4000, 1400);
                voice.record(io.stella.harness.latency.VoiceMetrics.VOICE_TO_VOICE, placed + 9000, 1450);
                voice.record(io.stella.harness.latency.VoiceMetrics.CALL, placed, 20_000);
            }
            conversations.admit("voiceConversation", holdStart + 20_000 + 5_000 - 1);
        }

        assertEquals(0.4, conversations.knee().kneeRatePerSec(), 1e-9);
        double[] expected = {0.2, 0.4, 0.6, 0.5};
        for (int step = 0; step < 4; step++) {
            assertEquals(expected[step], conversations.observed().stepRates().get(step), 1e-9, "the last step bisects 0.4..0.6");
        }
    }

    /** The gate lets the first arrival of the phase through, so a count may be one above the exact share. */
    private static void assertWithinOne(int expected, int actual, String what) {
        assertTrue(Math.abs(expected - actual) <= 1, what + ": expected " + expected + " (+-1), was " + actual);
    }

    /** 100 answers in each step's hold; from {@code firstBroken} on, a third of them are 503s. */
    private void stepsWithErrorsFrom(int firstBroken) {
        for (int step = 0; step < 4; step++) {
            step(step, step >= firstBroken ? 3 : 0);
        }
    }

    /** 100 answers of 5 ms in the step's hold; every {@code nthFails}-th is a 503 (0: none fail). */
    private void step(int step, int nthFails) {
        long holdStart = 3000 + step * 5000L;
        for (int i = 0; i < 100; i++) {
            int status = nthFails > 0 && i % nthFails == 0 ? 503 : 200;
            gate.record("token", holdStart + i * 30, 5, status, true, status >= 400);
        }
    }
}
