package io.stella.harness.run.end;

import io.stella.harness.config.ConversationShape;
import io.stella.harness.latency.RequestStats;
import io.stella.harness.latency.VoiceMetrics;

import java.util.ArrayList;
import java.util.List;

/**
 * Turn-taking a profile asks for and the run never measured: barge-ins or backchannels planned, calls gone to
 * their end, and not one sample, because every reply had gone silent before the caller spoke. The judgement
 * rests on them, so their absence is missing evidence (never GO), not a quiet pass.
 */
final class TurnTakingEvidence {

    private TurnTakingEvidence() {
    }

    static List<String> missing(ConversationShape conversation, VoiceMetrics voice) {
        List<String> missing = new ArrayList<>();
        if (conversation == null || voice == null || voice.media().callsCompleted() == 0) {
            return missing;
        }
        if (!conversation.bargeIn().turns().isEmpty() && samples(voice, VoiceMetrics.BARGE_IN_STOP) == 0) {
            missing.add("conversation.bargeIn asks the caller to speak over the agent, and no barge-in was measured in "
                    + voice.media().callsCompleted() + " calls: every reply had gone silent before the caller spoke, "
                    + conversation.bargeIn().afterMillis() + " ms into it (afterMillis)");
        }
        if (!conversation.backchannel().turns().isEmpty() && samples(voice, VoiceMetrics.BACKCHANNEL) == 0) {
            missing.add("conversation.backchannel asks the caller to say something short during the agent's replies, and none"
                    + " was measured in " + voice.media().callsCompleted() + " calls: every reply had gone silent before it, "
                    + conversation.backchannel().afterMillis() + " ms into it (afterMillis)");
        }
        return missing;
    }

    /** Samples of a figure on either engine, the whole run. */
    private static long samples(VoiceMetrics voice, String metric) {
        long samples = 0;
        for (String name : List.of(metric, metric + VoiceMetrics.ON_THE_WIRE)) {
            RequestStats stats = voice.recorded().get(name);
            samples += stats == null ? 0 : stats.wholeRun().count();
        }
        return samples;
    }
}
