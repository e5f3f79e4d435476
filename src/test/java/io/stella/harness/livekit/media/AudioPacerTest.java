package io.stella.harness.livekit.media;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The send clock's health counts the ticks that served a voice: an idle clock (a spare worker's, an engine
 * the calls of the moment do not use) neither dilutes a busy clock's lateness nor adds to it.
 */
class AudioPacerTest {

    @Test
    void aClockWithNoVoiceCountsNoTicks() throws Exception {
        try (AudioPacer pacer = new AudioPacer("test-idle")) {
            Thread.sleep(200);

            assertEquals(new AudioPacer.Health(0, 0, 0), pacer.health());
        }
    }

    @Test
    void everyTickThatServedAVoiceCounts() throws Exception {
        AtomicInteger spoken = new AtomicInteger();
        CountDownLatch twenty = new CountDownLatch(20);
        try (AudioPacer pacer = new AudioPacer("test-speaking")) {
            pacer.add(voice(() -> {
                spoken.incrementAndGet();
                twenty.countDown();
            }));
            assertTrue(twenty.await(5, TimeUnit.SECONDS), "twenty 10 ms ticks within 5 s");
            int servedBefore = spoken.get();
            AudioPacer.Health health = pacer.health();
            int servedAfter = spoken.get();

            // a tick is counted just before it is served: the count lies within one of what was served around it
            assertTrue(health.ticks() >= servedBefore && health.ticks() <= servedAfter + 1, health + " against " + servedBefore
                    + ".." + servedAfter + " ticks served");
        }
    }

    @Test
    void aVoiceThatHoldsTheClockUpMakesItsNextTickLate() throws Exception {
        CountDownLatch afterTheStall = new CountDownLatch(3);
        AtomicInteger tick = new AtomicInteger();
        try (AudioPacer pacer = new AudioPacer("test-stalled")) {
            pacer.add(voice(() -> {
                if (tick.incrementAndGet() == 5) {
                    sleep(60); // the next tick is due 10 ms after this one began: 50 ms late
                } else if (tick.get() > 5) {
                    afterTheStall.countDown();
                }
            }));
            assertTrue(afterTheStall.await(5, TimeUnit.SECONDS));

            AudioPacer.Health health = pacer.health();
            assertTrue(health.lateTicks() >= 1 && health.worstLateMillis() >= 40, health.toString());
        }
    }

    private static AudioPacer.Voice voice(Runnable onTick) {
        return new AudioPacer.Voice() {
            @Override
            public void tick(long nowNanos) {
                onTick.run();
            }

            @Override
            public void silenced(Throwable why) {
            }
        };
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
