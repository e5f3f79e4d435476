package io.stella.harness.reference.livekit;

import io.stella.harness.reference.livekit.media.AgentVoice;

/**
 * The LiveKit stand-in's knobs. {@code url} is what clients are told ({@code LIVEKIT_URL}); null means
 * the stand-in inside the reference target. The agent delay models how long a stella-agent worker
 * takes to accept a dispatch and join; the join timeout is the real server's (one minute) after which
 * a participant that never completes media is removed. The agent's voice is how it talks to a caller with media;
 * the agent pool how many conversations its workers hold at once; the agent faults how its agents misbehave on purpose.
 */
public record LivekitSettings(String apiKey, String apiSecret, String url, long agentJoinDelayMillis,
                              long joinTimeoutMillis, int maxParticipants, String agentName, boolean verifiesTokens,
                              AgentVoice agentVoice, AgentPool.Shape agentPool, AgentFaults agentFaults) {

    @Override
    public String toString() {
        return "LivekitSettings[apiKey=" + apiKey + ", apiSecret=***, url=" + url + ", agentJoinDelayMillis="
                + agentJoinDelayMillis + ", joinTimeoutMillis=" + joinTimeoutMillis + ", maxParticipants="
                + maxParticipants + ", agentName=" + agentName + ", verifiesTokens=" + verifiesTokens + ", agentPool=" + agentPool + ", agentFaults=" + agentFaults + "]";
    }
}
