package io.stella.harness.reference.livekit;

import livekit.LivekitModels;

/** One participant in a room; {@code link} is null for an agent the stand-in plays itself. */
record Participant(String sid, String identity, String name, LivekitModels.ParticipantInfo.Kind kind,
                   long joinedAtMillis, LivekitModels.ParticipantPermission permission, SignalLink link) {

    LivekitModels.ParticipantInfo toProto(LivekitModels.ParticipantInfo.State state) {
        return LivekitModels.ParticipantInfo.newBuilder().setSid(sid).setIdentity(identity).setName(name)
                .setKind(kind).setState(state).setJoinedAt(joinedAtMillis / 1000).setJoinedAtMs(joinedAtMillis)
                .setPermission(permission).build();
    }
}
