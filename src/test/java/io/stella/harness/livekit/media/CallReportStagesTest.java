package io.stella.harness.livekit.media;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** A turn split by the agent's states, as the caller saw them arrive. */
class CallReportStagesTest {

    private static final long MS = 1_000_000;

    @Test
    void statesThatArriveBeforeTheAudioSplitTheTurnWhereTheyArrived() {
        CallReport.Stages stages = CallReport.Stages.split(0, 500 * MS, 1_300 * MS, 1_302 * MS);

        assertEquals(new CallReport.Stages(500, 800, 2), stages);
    }

    @Test
    void speakingThatArrivesAfterTheAudioEndsThinkingAtTheAudioSoTheStagesStillAddUp() {
        // seen in CI: "speaking" 3.5 ms after the reply's first packet (signaling lagged the media)
        long replyHeardNanos = 1_100_490_000L;
        CallReport.Stages stages = CallReport.Stages.split(0, 501 * MS, 1_104 * MS, replyHeardNanos);

        assertEquals(new CallReport.Stages(501, 599, 0), stages);
        assertEquals(1_100, stages.endOfTurnMillis() + stages.thinkingMillis() + stages.outputMillis());
    }
}
