package io.stella.harness.livekit;

import livekit.LivekitModels;
import livekit.LivekitRtc;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SignalFramesTest {

    static final LivekitModels.ParticipantInfo AGENT = LivekitModels.ParticipantInfo.newBuilder().setIdentity("agent-1")
            .setKind(LivekitModels.ParticipantInfo.Kind.AGENT).setState(LivekitModels.ParticipantInfo.State.JOINED).build();
    static final LivekitModels.ParticipantInfo CALLER = LivekitModels.ParticipantInfo.newBuilder().setIdentity("user-1")
            .setKind(LivekitModels.ParticipantInfo.Kind.STANDARD).build();

    static byte[] join(LivekitModels.ParticipantInfo... others) {
        LivekitRtc.JoinResponse.Builder join = LivekitRtc.JoinResponse.newBuilder().setParticipant(CALLER);
        for (LivekitModels.ParticipantInfo other : others) {
            join.addOtherParticipants(other);
        }
        return LivekitRtc.SignalResponse.newBuilder().setJoin(join).build().toByteArray();
    }

    static byte[] update(LivekitModels.ParticipantInfo participant) {
        return LivekitRtc.SignalResponse.newBuilder()
                .setUpdate(LivekitRtc.ParticipantUpdate.newBuilder().addParticipants(participant)).build().toByteArray();
    }

    @Test
    void aJoinIsAJoinAndSaysWhetherTheAgentIsAlreadyThere() {
        assertTrue(SignalFrames.isJoin(join()));
        assertFalse(SignalFrames.agentInJoin(join()));
        assertTrue(SignalFrames.agentInJoin(join(AGENT)));
        assertTrue(SignalFrames.revealsAgent(join(AGENT)));
    }

    @Test
    void anUpdateRevealsTheAgentJoiningButNotLeavingNorAnotherCaller() {
        assertTrue(SignalFrames.revealsAgent(update(AGENT)));
        assertFalse(SignalFrames.revealsAgent(update(AGENT.toBuilder().setState(LivekitModels.ParticipantInfo.State.DISCONNECTED).build())));
        assertFalse(SignalFrames.revealsAgent(update(CALLER)));
    }

    @Test
    void requestsAreTheFramesLivekitExpects() throws Exception {
        LivekitRtc.SignalRequest ping = LivekitRtc.SignalRequest.parseFrom(SignalFrames.pingRequest(42));
        assertEquals(42, ping.getPingReq().getTimestamp());
        assertTrue(LivekitRtc.SignalRequest.parseFrom(SignalFrames.leave()).hasLeave());
    }

    @Test
    void garbageIsNeitherJoinNorPongNorAgent() {
        byte[] garbage = {(byte) 0xff, 0x01, 0x02};
        assertFalse(SignalFrames.isJoin(garbage));
        assertFalse(SignalFrames.isPong(garbage));
        assertFalse(SignalFrames.revealsAgent(garbage));
    }
}
