package io.stella.harness.livekit.media;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A speaker's queue of clips, spoken piece by piece on its clock's ticks; an interrupted speaker cuts the
 * clip it is saying short and goes on with what is queued after it, or silence.
 */
class UtterancesTest {

    private static final int PIECES = 10;

    @Test
    void aClipIsSpokenPieceByPieceAndCompletesWithItsLastPiece() {
        Utterances<String> utterances = new Utterances<>();
        CompletableFuture<Mouth.Spoken> spoken = utterances.say("reply");

        speak(utterances, 100, PIECES);

        assertEquals(new Mouth.Spoken(100, 100 + PIECES - 1), spoken.join());
        assertNull(utterances.speaking(200));
    }

    @Test
    void aClipCutShortCompletesAsSpokenUpToThenAndTheNextQueuedOneFollows() {
        Utterances<String> utterances = new Utterances<>();
        CompletableFuture<Mouth.Spoken> reply = utterances.say("reply");
        CompletableFuture<Mouth.Spoken> after = utterances.say("after");
        speak(utterances, 100, 3);

        assertTrue(utterances.cutShort(150));

        assertEquals(new Mouth.Spoken(100, 150), reply.join());
        assertFalse(after.isDone());
        assertEquals("after", utterances.speaking(160), "the queued clip starts at the next tick");
        assertEquals(0, utterances.nextPiece(), "from its first piece");
    }

    @Test
    void cuttingShortWhileSilentCutsNothing() {
        Utterances<String> utterances = new Utterances<>();

        assertFalse(utterances.cutShort(100));
        assertNull(utterances.speaking(110));
    }

    /** {@code pieces} ticks from {@code fromNanos}, one nanosecond apart, each speaking the next piece of the current clip. */
    private static void speak(Utterances<String> utterances, long fromNanos, int pieces) {
        for (int tick = 0; tick < pieces; tick++) {
            long now = fromNanos + tick;
            assertTrue(utterances.speaking(now) != null, "speaking at tick " + tick);
            utterances.nextPiece();
            if (utterances.allSpoken(PIECES)) {
                utterances.finished(now);
            }
        }
    }
}
