package io.stella.harness.reference.livekit.media;

import io.stella.harness.livekit.media.Mouth;
import io.stella.harness.livekit.media.VoiceActivity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The stand-in agent interrupted as LiveKit Agents are: a caller who speaks over its reply for the minimum
 * interruption duration stops it; shorter speech (a backchannel) does not, nor does speech while it is silent,
 * and an agent told never to be interrupted talks on.
 */
class AgentTurnsTest {

    private static final long INTERRUPT_AFTER_MILLIS = 100;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    @Test
    void aCallerStillSpeakingAfterTheThresholdStopsTheReply() throws Exception {
        AgentTurns turns = replying(INTERRUPT_AFTER_MILLIS);
        CountDownLatch cut = new CountDownLatch(1);

        turns.callerSpeechStarted(System.nanoTime(), System::nanoTime, cutting(cut));

        assertTrue(cut.await(5, TimeUnit.SECONDS), "the reply was cut short");
    }

    @Test
    void speechShorterThanTheThresholdIsABackchannelAndDoesNotStopTheReply() throws Exception {
        AgentTurns turns = replying(INTERRUPT_AFTER_MILLIS);
        CountDownLatch cut = new CountDownLatch(1);
        long startedNanos = System.nanoTime();

        turns.callerSpeechStarted(startedNanos, () -> startedNanos + 30_000_000L, cutting(cut));

        assertFalse(cut.await(INTERRUPT_AFTER_MILLIS + 400, TimeUnit.MILLISECONDS), "a 30 ms \"uh-huh\" stopped the reply");
    }

    @Test
    void aCallerWhoPausesAtTheThresholdAndSpeaksOnStopsTheReplyWhenHeardAgain() throws Exception {
        AgentStamps stamps = new AgentStamps();
        AgentTurns turns = replying(INTERRUPT_AFTER_MILLIS, stamps);
        CountDownLatch cut = new CountDownLatch(1);
        long startedNanos = System.nanoTime();
        // a breath of 150 ms (under 200) across the moment the agent decides, as prompt-1 has one 440-600 ms in
        long pausedFromNanos = startedNanos + (INTERRUPT_AFTER_MILLIS - 80) * 1_000_000L;
        long resumedNanos = pausedFromNanos + 150_000_000L;

        turns.callerSpeechStarted(startedNanos, pausing(pausedFromNanos, resumedNanos), cutting(cut));

        assertTrue(cut.await(5, TimeUnit.SECONDS), "the reply was cut short once the caller spoke on");
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (stamps.interruptions().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        AgentStamps.Interruption stamped = stamps.interruptions().get(0);
        assertEquals(startedNanos, stamped.callerSpeechHeardNanos());
        assertTrue(stamped.cutNanos() - resumedNanos >= 0, "cut only after the caller was heard again");
    }

    @Test
    void aCallerWhoStopsLongerThanABreathAtTheThresholdDoesNotStopTheReply() throws Exception {
        AgentTurns turns = replying(INTERRUPT_AFTER_MILLIS);
        CountDownLatch cut = new CountDownLatch(1);
        long startedNanos = System.nanoTime();
        long pausedFromNanos = startedNanos + (INTERRUPT_AFTER_MILLIS - 80) * 1_000_000L;
        long resumedNanos = pausedFromNanos + 400_000_000L;

        turns.callerSpeechStarted(startedNanos, pausing(pausedFromNanos, resumedNanos), cutting(cut));

        assertFalse(cut.await(INTERRUPT_AFTER_MILLIS + 700, TimeUnit.MILLISECONDS), "speech that had ended (a backchannel) stopped the reply");
    }

    @Test
    void anAgentToldNeverToBeInterruptedTalksOn() throws Exception {
        AgentTurns turns = replying(null);
        CountDownLatch cut = new CountDownLatch(1);

        turns.callerSpeechStarted(System.nanoTime(), System::nanoTime, cutting(cut));

        assertFalse(cut.await(INTERRUPT_AFTER_MILLIS + 400, TimeUnit.MILLISECONDS));
    }

    @Test
    void speechWhileTheAgentIsSilentInterruptsNothing() throws Exception {
        AgentTurns turns = new AgentTurns("room", new AgentStamps(), () -> 0, INTERRUPT_AFTER_MILLIS, timer);
        CountDownLatch cut = new CountDownLatch(1);

        turns.callerSpeechStarted(System.nanoTime(), System::nanoTime, cutting(cut));

        assertEquals(1, cut.getCount());
        assertFalse(cut.await(INTERRUPT_AFTER_MILLIS + 400, TimeUnit.MILLISECONDS));
    }

    /** The caller's last loud frame as heard: now, except from {@code pausedFromNanos} until {@code resumedNanos}. */
    private static java.util.function.LongSupplier pausing(long pausedFromNanos, long resumedNanos) {
        return () -> {
            long nowNanos = System.nanoTime();
            return nowNanos - resumedNanos < 0 ? pausedFromNanos : nowNanos;
        };
    }

    /** A mouth's cutShort that counts down {@code cut}. */
    private static java.util.function.BooleanSupplier cutting(CountDownLatch cut) {
        return () -> {
            cut.countDown();
            return true;
        };
    }

    /** An agent in the middle of a reply that never ends by itself. */
    private AgentTurns replying(Long interruptAfterMillis) {
        return replying(interruptAfterMillis, new AgentStamps());
    }

    private AgentTurns replying(Long interruptAfterMillis, AgentStamps stamps) {
        AgentTurns turns = new AgentTurns("room", stamps, () -> 0, interruptAfterMillis, timer);
        long now = System.nanoTime();
        turns.callerTurnEnded(new VoiceActivity.Ended(now - 1_000_000_000L, now - 500_000_000L, now - 490_000_000L, now),
                notBeforeNanos -> new CompletableFuture<Mouth.Spoken>());
        return turns;
    }
}
