package io.stella.harness.run.end;

import io.stella.harness.config.ConversationShape;
import io.stella.harness.latency.VoiceMetrics;
import io.stella.harness.livekit.media.Backchannel;
import io.stella.harness.livekit.media.BargeIn;
import io.stella.harness.livekit.media.CallReport;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Barge-ins and backchannels a profile asks for are evidence: none measured over calls that went to their end is missing evidence. */
class TurnTakingEvidenceTest {

    private static final ConversationShape ASKS_FOR_BOTH = shape(new BargeIn(List.of(2), 5_000, 1_000),
            new Backchannel(List.of(1), 5_000, 1_000, Backchannel.SHIPPED_CLIP));

    @Test
    void turnTakingAskedForAndNeverMeasuredIsMissingEvidence() {
        VoiceMetrics voice = voiceWithACompletedCall();

        List<String> missing = TurnTakingEvidence.missing(ASKS_FOR_BOTH, voice);

        assertEquals(2, missing.size(), missing.toString());
        assertTrue(missing.get(0).startsWith("conversation.bargeIn asks the caller to speak over the agent, and no barge-in was"
                + " measured in 1 calls"), missing.get(0));
        assertTrue(missing.get(1).contains("5000 ms into it (afterMillis)"), missing.get(1));
    }

    @Test
    void oneSampleOnEitherEngineIsEvidenceAndAProfileThatAsksForNoneNeedsNone() {
        VoiceMetrics voice = voiceWithACompletedCall();
        voice.record(VoiceMetrics.onEngine(VoiceMetrics.BARGE_IN_STOP, ConversationShape.PACKET), 0, 520);
        voice.record(VoiceMetrics.BACKCHANNEL, 0, 2_100);

        assertEquals(List.of(), TurnTakingEvidence.missing(ASKS_FOR_BOTH, voice));
        assertEquals(List.of(), TurnTakingEvidence.missing(ConversationShape.DEFAULT, voiceWithACompletedCall()));
    }

    private static VoiceMetrics voiceWithACompletedCall() {
        VoiceMetrics voice = new VoiceMetrics();
        voice.media().callPlaced();
        voice.media().callCompleted(new CallReport.AudioStats(500, 0, 0, 40, 48_000, 100, 0, 0));
        return voice;
    }

    private static ConversationShape shape(BargeIn bargeIn, Backchannel backchannel) {
        ConversationShape d = ConversationShape.DEFAULT;
        return new ConversationShape(d.turns(), d.greeting(), d.prompts(), d.replyTimeoutSec(), d.pauseMillis(),
                d.replyEndSilenceMillis(), d.speechDbfs(), d.mediaTimeoutSec(), d.maxLostPercent(), d.maxConcealedPercent(),
                d.callsPerWorker(), d.engines(), d.network(), bargeIn, backchannel, d.goodTurnWithinMillis());
    }
}
