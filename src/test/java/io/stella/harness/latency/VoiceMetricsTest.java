package io.stella.harness.latency;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Given sessions joining and leaving at known moments, expect the most held at once in any span of seconds. */
class VoiceMetricsTest {

    static final long START = 1_000_000L;

    @Test
    void thePeakOfASpanCountsSessionsHeldIntoItFromBefore() {
        VoiceMetrics voice = new VoiceMetrics();
        voice.loadStarts(START);
        for (int i = 0; i < 5; i++) {
            voice.sessionHeld(START + 500 + i);          // 5 sessions join in second 0
        }
        voice.sessionHeld(START + 4_200);                // a 6th in second 4
        voice.sessionReleased(START + 4_300);
        for (int i = 0; i < 5; i++) {
            voice.sessionReleased(START + 9_000 + i);   // the first 5 leave in second 9
        }

        assertEquals(5, voice.peakSessionsHeldBetween(1, 4), "seconds 1-3 have no event but hold 5");
        assertEquals(6, voice.peakSessionsHeldBetween(2, 6));
        assertEquals(5, voice.peakSessionsHeldBetween(9, 10), "held until they left in second 9");
        assertEquals(0, voice.peakSessionsHeldBetween(10, 20), "nothing held after");
        assertEquals(6, voice.peakSessionsHeld());
    }

    @Test
    void eachSampleGoesToTheCapacityStepWhoseHoldItStartedInUnderItsOwnNameOnly() {
        VoiceMetrics voice = new VoiceMetrics();
        voice.loadStarts(START);
        // 5 s warm-up, then holds of 20 s with 5 s ramps: step 0 holds 5..25 s, step 1 30..50 s.
        voice.stepsOf(new io.stella.harness.config.Stairs(1, 1, 3, 20, 5), 5_000);
        voice.record(VoiceMetrics.VOICE_TO_VOICE, START + 6_000, 1_400);
        voice.recordFailure(VoiceMetrics.TIME_TO_GREETING, START + 31_000, 5_000, ErrorKind.NO_REPLY);
        voice.record(VoiceMetrics.VOICE_TO_VOICE, START + 27_000, 1_500); // in the ramp: no step's

        assertEquals(1, voice.stepWindows(0).get(VoiceMetrics.VOICE_TO_VOICE).count());
        assertEquals(1400, voice.stepWindows(0).get(VoiceMetrics.VOICE_TO_VOICE).percentileMillis(50), 1);
        assertEquals(Map.of(ErrorKind.NO_REPLY, 1L), voice.stepWindows(1).get(VoiceMetrics.TIME_TO_GREETING).errorsByKind());
        assertEquals(java.util.Set.of(VoiceMetrics.TIME_TO_GREETING), voice.stepWindows(1).keySet(), "no 'all' for voice figures");
    }

    @Test
    void callsAreTalliedByWhenTheyWerePlacedAndHowTheyEnded() {
        VoiceMetrics voice = new VoiceMetrics();
        voice.loadStarts(START);
        voice.record(VoiceMetrics.CALL, START + 9_000, 20_000);
        voice.recordFailure(VoiceMetrics.CALL, START + 10_000, 8_000, ErrorKind.NO_REPLY);
        voice.recordFailure(VoiceMetrics.CALL, START + 11_500, 3_000, ErrorKind.MEDIA_FAILED);
        voice.record(VoiceMetrics.CALL, START + 12_000, 20_000);

        assertEquals(new VoiceMetrics.CallTally(2, 1, 1), voice.callsPlacedBetween(10, 12));
    }

    @Test
    void withoutSessionsThereIsNoPeak() {
        VoiceMetrics voice = new VoiceMetrics();
        voice.loadStarts(START);

        assertNull(voice.peakSessionsHeldBetween(0, 10));
    }

    @Test
    void everySampleGoesIntoAnIntervalLogUnderItsOwnNameAndStaysOutOfTheRequestsAll(@TempDir Path dir) throws Exception {
        VoiceMetrics voice = new VoiceMetrics();
        voice.loadStarts(START);
        voice.measureFrom(START + 1_000);
        voice.spoolIntervalsTo(dir.resolve("voice.hlog"), START);
        voice.record(VoiceMetrics.VOICE_TO_VOICE, START + 200, 900);                          // in the warm-up
        voice.record(VoiceMetrics.VOICE_TO_VOICE, START + 2_000, 1_400);
        voice.recordFailure(VoiceMetrics.VOICE_TO_VOICE, START + 5_000, 8_000, ErrorKind.NO_REPLY);
        voice.record(VoiceMetrics.MEDIA_SETUP, START + 3_000, 250);

        Map<String, LatencyWindow> windows = IntervalLogWindows.readMeasured(voice.closeSpool());

        assertEquals(2, windows.get(VoiceMetrics.VOICE_TO_VOICE).count(), "the measured window only: " + windows.keySet());
        assertEquals(8_000, windows.get(VoiceMetrics.VOICE_TO_VOICE).maxMillis(), 8);
        assertEquals(1, windows.get(VoiceMetrics.MEDIA_SETUP).count());
        assertNull(windows.get(io.stella.harness.config.Threshold.ALL_REQUESTS), "voice metrics are no requests");
    }
}
