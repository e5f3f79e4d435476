package io.stella.harness.reference.livekit;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** All rooms of the stand-in, by name. */
final class Rooms {

    private final ConcurrentHashMap<String, Room> byName = new ConcurrentHashMap<>();

    /** Creates the room, or returns the existing one unchanged: CreateRoom is idempotent in LiveKit. */
    Room createIfAbsent(String name, int maxParticipants, String metadata) {
        return byName.computeIfAbsent(name, key -> new Room(key, "RM_" + UUID.randomUUID().toString().substring(0, 12),
                System.currentTimeMillis(), maxParticipants, metadata));
    }

    Optional<Room> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The rooms named, or all when no name is given. */
    List<Room> list(Collection<String> names) {
        if (names.isEmpty()) {
            return List.copyOf(byName.values());
        }
        return names.stream().map(byName::get).filter(room -> room != null).toList();
    }

    /** Deletes the room and disconnects everyone in it; false if there was no such room. */
    boolean delete(String name) {
        Room removed = byName.remove(name);
        if (removed == null) {
            return false;
        }
        removed.closeAll();
        return true;
    }

    int participantCount() {
        int count = 0;
        for (Room room : byName.values()) {
            count += room.size();
        }
        return count;
    }
}
