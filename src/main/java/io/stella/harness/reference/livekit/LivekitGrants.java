package io.stella.harness.reference.livekit;

import livekit.LivekitModels;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a verified LiveKit token allows: the identity in {@code sub} and the {@code video} grants
 * the stand-in checks, under the names LiveKit's tokens use, and the participant permission they
 * make, which the participant is told in its JoinResponse.
 */
public record LivekitGrants(String identity, String name, boolean roomJoin, String room, boolean roomCreate,
                            boolean roomList, boolean roomAdmin, boolean agent, LivekitModels.ParticipantPermission permission) {

    static LivekitGrants from(String identity, String name, Map<String, Object> video) {
        Map<String, Object> grants = video == null ? Map.of() : video;
        return new LivekitGrants(identity == null ? "" : identity, name == null ? "" : name,
                flag(grants, "roomJoin"), text(grants, "room"), flag(grants, "roomCreate"), flag(grants, "roomList"),
                flag(grants, "roomAdmin"), flag(grants, "agent"), permission(grants));
    }

    /**
     * As LiveKit reads a token: publishing, subscribing and data are allowed unless the token says
     * false. A web client refuses to publish when its JoinResponse carries no permission at all.
     */
    private static LivekitModels.ParticipantPermission permission(Map<String, Object> grants) {
        LivekitModels.ParticipantPermission.Builder permission = LivekitModels.ParticipantPermission.newBuilder()
                .setCanSubscribe(!Boolean.FALSE.equals(grants.get("canSubscribe")))
                .setCanPublish(!Boolean.FALSE.equals(grants.get("canPublish")))
                .setCanPublishData(!Boolean.FALSE.equals(grants.get("canPublishData")))
                .setCanUpdateMetadata(flag(grants, "canUpdateOwnMetadata"))
                .setHidden(flag(grants, "hidden"));
        if (grants.get("canPublishSources") instanceof List<?> sources) {
            for (Object source : sources) {
                try {
                    permission.addCanPublishSources(LivekitModels.TrackSource.valueOf(String.valueOf(source).toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    // a source this LiveKit version does not know allows nothing
                }
            }
        }
        return permission.build();
    }

    /** {@code roomAdmin} for exactly this room, as LiveKit's {@code EnsureAdminPermission}. */
    public boolean adminOf(String roomName) {
        return roomAdmin && room.equals(roomName);
    }

    private static boolean flag(Map<String, Object> grants, String name) {
        return Boolean.TRUE.equals(grants.get(name));
    }

    private static String text(Map<String, Object> grants, String name) {
        Object value = grants.get(name);
        return value == null ? "" : value.toString();
    }
}
