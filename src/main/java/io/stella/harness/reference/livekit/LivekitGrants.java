package io.stella.harness.reference.livekit;

import java.util.Map;

/**
 * What a verified LiveKit token allows: the identity in {@code sub} and the {@code video} grants
 * the stand-in checks, under the names LiveKit's tokens use.
 */
public record LivekitGrants(String identity, String name, boolean roomJoin, String room, boolean roomCreate,
                            boolean roomList, boolean roomAdmin, boolean agent) {

    static LivekitGrants from(String identity, String name, Map<String, Object> video) {
        Map<String, Object> grants = video == null ? Map.of() : video;
        return new LivekitGrants(identity == null ? "" : identity, name == null ? "" : name,
                flag(grants, "roomJoin"), text(grants, "room"), flag(grants, "roomCreate"), flag(grants, "roomList"),
                flag(grants, "roomAdmin"), flag(grants, "agent"));
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
