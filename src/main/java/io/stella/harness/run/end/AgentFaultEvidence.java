package io.stella.harness.run.end;

import io.stella.harness.latency.LatencyWindow;
import io.stella.harness.latency.MediaFigures;
import io.stella.harness.latency.RequestStats;
import io.stella.harness.latency.VoiceMetrics;

import java.util.List;
import java.util.Optional;

/**
 * What the calls saw of the agent pool's faults, in words: agents that left mid-call (crashed) and what followed,
 * and rooms given two agents. A call whose agent was lost, and a job given to two workers, are faults no threshold
 * may pass over: each vetoes a GO, by name. A crash a new agent took over from is judged by the profile's
 * thresholds ({@code agentRecovery}, {@code conversation}), and named in the sign-off's evidence.
 */
final class AgentFaultEvidence {

    private AgentFaultEvidence() {
    }

    /** The faults that veto a GO, one line each; empty when the calls met none. */
    static List<String> faults(VoiceMetrics voice) {
        return voice == null ? List.of() : voice.media().agentFaults().vetoes();
    }

    /** The sign-off's evidence line, where any call met a fault. */
    static Optional<String> sentence(VoiceMetrics voice) {
        MediaFigures.AgentFaults seen = voice.media().agentFaults();
        if (!seen.any()) {
            return Optional.empty();
        }
        String recovery = "";
        for (String name : List.of(VoiceMetrics.AGENT_RECOVERY, VoiceMetrics.AGENT_RECOVERY + VoiceMetrics.ON_THE_WIRE)) {
            RequestStats stats = voice.recorded().get(name);
            if (stats != null && stats.wholeRun().count() > stats.wholeRun().errorCount()) {
                LatencyWindow window = stats.wholeRun();
                recovery += String.format(" (%s P50 %.0f ms, max %.0f ms, from the agent seen leaving to the new one heard)",
                        name, window.percentileMillis(50), window.maxMillis());
            }
        }
        return Optional.of(String.format("the agent left %d call(s) mid-call: a new agent took over %d time(s)%s, none came"
                        + " %d time(s) (AGENT_LOST); %d of those calls went to their end; %d call(s) had two agents at once",
                seen.callsAgentLeft(), seen.agentsReplaced(), recovery, seen.agentsNotReplaced(), seen.callsSurvived(),
                seen.callsWithTwoAgents()));
    }
}
