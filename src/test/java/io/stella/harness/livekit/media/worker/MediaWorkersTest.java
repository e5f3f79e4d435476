package io.stella.harness.livekit.media.worker;

import io.stella.harness.config.ConversationShape;
import io.stella.harness.livekit.media.CallListener;
import io.stella.harness.livekit.media.CallReport;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Media workers are started ahead of need: the call that brings every worker within a tenth of
 * {@code callsPerWorker} of full starts the next one, so calls that spill over find it up.
 * (The calls here go to a port nobody listens on: each ends at once, MEDIA_FAILED.)
 */
class MediaWorkersTest {

    private static final String NOBODY = "ws://127.0.0.1:9";

    @Test
    void aWorkerWithRoomToSpareStartsNoOther() throws Exception {
        try (MediaWorkers workers = new MediaWorkers(packetCalls(20))) {
            placeAndAwaitEnd(workers);

            assertEquals(1, workers.started());
        }
    }

    @Test
    void theCallThatBringsTheOnlyWorkerNearFullStartsTheNext() throws Exception {
        try (MediaWorkers workers = new MediaWorkers(packetCalls(2))) {
            CountDownLatch ended = new CountDownLatch(1);
            workers.call(NOBODY, "token", engine -> endsInto(ended));

            assertEquals(2, workers.started(), "one call of two per worker: the next worker started with it");
            assertTrue(ended.await(60, TimeUnit.SECONDS));
        }
    }

    private static void placeAndAwaitEnd(MediaWorkers workers) throws InterruptedException {
        CountDownLatch ended = new CountDownLatch(1);
        workers.call(NOBODY, "token", engine -> endsInto(ended));
        assertTrue(ended.await(60, TimeUnit.SECONDS), "the call ended");
    }

    private static ConversationShape packetCalls(int callsPerWorker) {
        ConversationShape d = ConversationShape.DEFAULT;
        return new ConversationShape(d.turns(), d.greeting(), d.prompts(), d.replyTimeoutSec(), d.pauseMillis(),
                d.replyEndSilenceMillis(), d.speechDbfs(), d.mediaTimeoutSec(), d.maxLostPercent(), d.maxConcealedPercent(),
                callsPerWorker, Map.of(ConversationShape.PACKET, 1), d.network(), d.bargeIn(), d.backchannel(),
                d.goodTurnWithinMillis());
    }

    private static CallListener endsInto(CountDownLatch ended) {
        return new CallListener() {
            @Override
            public void ended(CallReport report) {
                ended.countDown();
            }
        };
    }
}
