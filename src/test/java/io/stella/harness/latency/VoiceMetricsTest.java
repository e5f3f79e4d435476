package io.stella.harness.latency;

import org.junit.jupiter.api.Test;

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
    void withoutSessionsThereIsNoPeak() {
        VoiceMetrics voice = new VoiceMetrics();
        voice.loadStarts(START);

        assertNull(voice.peakSessionsHeldBetween(0, 10));
    }
}
