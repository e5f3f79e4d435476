package io.stella.harness.reference.livekit.media;

import livekit.LivekitModels;
import livekit.LivekitRtc;

import java.util.UUID;

/** The signaling around the tracks of a stand-in call, the same whatever engine carries the media. */
final class AgentTracks {

    private AgentTracks() {
    }

    /** LiveKit's answer to a caller's AddTrackRequest: its track, published under a new sid. */
    static LivekitRtc.SignalResponse published(LivekitRtc.AddTrackRequest added) {
        return LivekitRtc.SignalResponse.newBuilder().setTrackPublished(LivekitRtc.TrackPublishedResponse.newBuilder()
                .setCid(added.getCid()).setTrack(LivekitModels.TrackInfo.newBuilder()
                        .setSid("TR_" + UUID.randomUUID().toString().substring(0, 12)).setType(LivekitModels.TrackType.AUDIO)
                        .setSource(added.getSource()).setName(added.getName()).setMimeType("audio/opus"))).build();
    }

    /** A new sid for the agent's voice track. */
    static String newAgentTrackSid() {
        return "TR_agent_" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** The agent in the room with its voice published: the caller learns the track's owner before it is offered. */
    static LivekitRtc.SignalResponse agentPublished(LivekitModels.ParticipantInfo agent, String agentTrackSid) {
        return LivekitRtc.SignalResponse.newBuilder().setUpdate(LivekitRtc.ParticipantUpdate.newBuilder()
                .addParticipants(agent.toBuilder().addTracks(LivekitModels.TrackInfo.newBuilder().setSid(agentTrackSid)
                        .setType(LivekitModels.TrackType.AUDIO).setSource(LivekitModels.TrackSource.MICROPHONE)
                        .setName("agent-voice").setMimeType("audio/opus")))).build();
    }

    /** The agent with its voice published, in {@code state} ({@link AgentStates}), at {@code version}. */
    static LivekitRtc.SignalResponse agentInState(LivekitModels.ParticipantInfo agent, String agentTrackSid, String state, int version) {
        LivekitRtc.SignalResponse published = agentPublished(agent, agentTrackSid);
        return published.toBuilder().setUpdate(LivekitRtc.ParticipantUpdate.newBuilder().addParticipants(
                published.getUpdate().getParticipants(0).toBuilder().putAttributes(AgentStates.ATTRIBUTE, state).setVersion(version))).build();
    }

    /** LiveKit's clients read "<participant sid>|<track sid>" from the stream id to know whose track it is. */
    static String streamId(LivekitModels.ParticipantInfo agent, String agentTrackSid) {
        return agent.getSid() + "|" + agentTrackSid;
    }
}
