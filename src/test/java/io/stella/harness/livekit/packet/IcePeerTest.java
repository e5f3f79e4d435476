package io.stella.harness.livekit.packet;

import org.ice4j.ice.IceProcessingState;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** ICE between two of our peers on loopback. */
class IcePeerTest {

    /** ice4j's default keeps checking for 3 s after a pair is chosen, its pace maker waking every 20 ms. */
    private static final long CHECKS_STOPPED_WITHIN_MILLIS = 1_500;

    @Test
    void checksStopAsSoonAsAPairIsSelectedOnBothSides() throws Exception {
        try (IcePeer controlling = new IcePeer(true); IcePeer controlled = new IcePeer(false)) {
            controlled.start(controlling.ufrag(), controlling.password(), controlling.candidates());
            controlling.start(controlled.ufrag(), controlled.password(), controlled.candidates());

            CompletableFuture.allOf(controlling.connected(), controlled.connected()).get(10, TimeUnit.SECONDS);
            long connectedNanos = System.nanoTime();

            assertEquals(IceProcessingState.TERMINATED, stateSettled(controlling, connectedNanos), "the controlling side");
            assertEquals(IceProcessingState.TERMINATED, stateSettled(controlled, connectedNanos), "the controlled side");
        }
    }

    private static IceProcessingState stateSettled(IcePeer peer, long sinceNanos) throws InterruptedException {
        while (peer.state() != IceProcessingState.TERMINATED
                && System.nanoTime() - sinceNanos < TimeUnit.MILLISECONDS.toNanos(CHECKS_STOPPED_WITHIN_MILLIS)) {
            Thread.sleep(10);
        }
        return peer.state();
    }
}
