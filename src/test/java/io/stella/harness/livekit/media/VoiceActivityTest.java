package io.stella.harness.livekit.media;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Speech told from silence by energy, frame by frame, with an endpointing silence. */
class VoiceActivityTest {

    static final long FRAME = Pcm.FRAME_NANOS;
    static final double LOUD = 3000;
    static final double QUIET = 10;

    @Test
    void speechStartsWithTheFirstLoudFrame() {
        VoiceActivity activity = new VoiceActivity(500, 300);

        assertNull(activity.frame(QUIET, 0, FRAME));
        VoiceActivity.Change change = activity.frame(LOUD, 10 * FRAME, FRAME);

        assertEquals(new VoiceActivity.Started(10 * FRAME), change);
    }

    @Test
    void aVoiceLoudAgainAfterATenthOfASecondResumedThoughItsSpeechNeverEnded() {
        VoiceActivity activity = new VoiceActivity(500, 300);
        activity.frame(LOUD, 0, FRAME);
        activity.frame(LOUD, FRAME, FRAME);
        assertEquals(0, activity.resumedNanos(), "loud from the first frame");

        activity.frame(QUIET, 2 * FRAME, FRAME);
        activity.frame(LOUD, 12 * FRAME, FRAME); // 110 ms after the last loud frame: shorter than the 300 ms that end speech

        assertTrue(activity.speaking());
        assertEquals(12 * FRAME, activity.resumedNanos());
        activity.frame(LOUD, 18 * FRAME, FRAME); // 60 ms on: the same stretch of speech
        assertEquals(12 * FRAME, activity.resumedNanos());
    }

    @Test
    void speechEndsAfterTheEndpointingSilenceDatedAtTheLastLoudFrame() {
        VoiceActivity activity = new VoiceActivity(500, 300);
        activity.frame(LOUD, 0, FRAME);
        activity.frame(LOUD, FRAME, FRAME); // speech until the end of this frame: 20 ms

        for (int i = 2; i < 31; i++) {
            assertNull(activity.frame(QUIET, i * FRAME, FRAME), "still within 300 ms of quiet at frame " + i);
        }
        VoiceActivity.Change change = activity.frame(QUIET, 31 * FRAME, FRAME);

        VoiceActivity.Ended ended = assertInstanceOf(VoiceActivity.Ended.class, change);
        assertEquals(FRAME, ended.lastLoudHeardNanos());
        assertEquals(2 * FRAME, ended.endedNanos());
        assertEquals(31 * FRAME, ended.decidedNanos());
        assertEquals(20, ended.lengthMillis());
    }

    /** Packets come a little early or late: the silence is counted to the nearest half packet, not to the microsecond. */
    @Test
    void aQuietPacketArrivingAMicrosecondEarlyStillEndsTheUtteranceOnTime() {
        long packet = 2 * FRAME;
        VoiceActivity activity = new VoiceActivity(500, 500);
        activity.frame(LOUD, 0, packet);

        for (int i = 1; i < 25; i++) {
            assertNull(activity.frame(QUIET, i * packet, packet), "still within 500 ms of quiet at packet " + i);
        }
        VoiceActivity.Change change = activity.frame(QUIET, 25 * packet - 1_000, packet);

        VoiceActivity.Ended ended = assertInstanceOf(VoiceActivity.Ended.class, change);
        assertEquals(25 * packet - 1_000, ended.decidedNanos());
    }

    @Test
    void aPauseShorterThanTheEndpointingSilenceDoesNotEndTheUtterance() {
        VoiceActivity activity = new VoiceActivity(500, 300);
        activity.frame(LOUD, 0, FRAME);
        for (int i = 1; i <= 20; i++) {
            assertNull(activity.frame(QUIET, i * FRAME, FRAME)); // a 200 ms pause between words
        }

        assertNull(activity.frame(LOUD, 21 * FRAME, FRAME), "the same utterance goes on");
    }

    /** A sender with DTX goes quiet in silence: the clock, not the next packet, says when the endpointing silence has passed. */
    @Test
    void aStreamThatGoesQuietEndsItsUtteranceOnTheClock() {
        long packet = 2 * FRAME;
        VoiceActivity activity = new VoiceActivity(500, 500);
        activity.frame(LOUD, 0, packet);
        activity.frame(QUIET, packet, packet); // the one packet a DTX sender sends as speech stops, then nothing

        assertNull(activity.silentUntil(499_000_000L));
        VoiceActivity.Ended ended = assertInstanceOf(VoiceActivity.Ended.class, activity.silentUntil(500_000_000L));

        assertEquals(0, ended.lastLoudHeardNanos());
        assertEquals(500_000_000L, ended.decidedNanos());
        assertNull(activity.silentUntil(900_000_000L), "one end per utterance");
    }
}
