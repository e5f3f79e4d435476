package io.stella.harness.reference.livekit;

import livekit.LivekitModels;
import livekit.LivekitRtc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A room and its participants. Joins and leaves are pushed to the other participants as
 * {@code ParticipantUpdate}, as LiveKit does; frames are sent outside the room's lock so that one
 * slow client cannot hold up the room.
 */
final class Room {

    private final String name;
    private final String sid;
    private final long creationTimeMillis;
    private final int maxParticipants;
    private final String metadata;
    private final Map<String, Participant> participants = new LinkedHashMap<>();
    // Read without the lock: every /rtc admission sums it over all rooms, thousands under load.
    private volatile int size;

    Room(String name, String sid, long creationTimeMillis, int maxParticipants, String metadata) {
        this.name = name;
        this.sid = sid;
        this.creationTimeMillis = creationTimeMillis;
        this.maxParticipants = maxParticipants;
        this.metadata = metadata;
    }

    String name() {
        return name;
    }

    /** False when the room's own participant limit is reached. */
    boolean hasRoom() {
        return maxParticipants <= 0 || size < maxParticipants;
    }

    /** Adds a participant (one with the same identity is replaced, as LiveKit does) and tells the others. */
    List<Participant> join(Participant joining) {
        List<Participant> others;
        Participant replaced;
        synchronized (participants) {
            replaced = participants.put(joining.identity(), joining);
            size = participants.size();
            others = othersThan(joining.identity());
        }
        if (replaced != null && replaced.link() != null && replaced.link() != joining.link()) {
            replaced.link().close();
        }
        broadcast(others, joining.toProto(LivekitModels.ParticipantInfo.State.JOINED));
        return others;
    }

    /** Removes a participant, if it is still the one given, and tells the others it left. */
    Optional<Participant> leave(String identity, SignalLink link) {
        Participant left;
        List<Participant> others;
        synchronized (participants) {
            Participant current = participants.get(identity);
            if (current == null || (link != null && current.link() != link)) {
                return Optional.empty();
            }
            left = participants.remove(identity);
            size = participants.size();
            others = othersThan(identity);
        }
        broadcast(others, left.toProto(LivekitModels.ParticipantInfo.State.DISCONNECTED));
        return Optional.of(left);
    }

    Optional<Participant> participant(String identity) {
        synchronized (participants) {
            return Optional.ofNullable(participants.get(identity));
        }
    }

    int size() {
        return size;
    }

    List<Participant> participants() {
        synchronized (participants) {
            return new ArrayList<>(participants.values());
        }
    }

    /** Everyone is disconnected: the room is being deleted. */
    void closeAll() {
        List<Participant> all;
        synchronized (participants) {
            all = new ArrayList<>(participants.values());
            participants.clear();
            size = 0;
        }
        all.stream().map(Participant::link).filter(link -> link != null).forEach(SignalLink::close);
    }

    LivekitModels.Room toProto() {
        return LivekitModels.Room.newBuilder().setName(name).setSid(sid).setCreationTime(creationTimeMillis / 1000)
                .setCreationTimeMs(creationTimeMillis).setMaxParticipants(maxParticipants).setMetadata(metadata)
                .setNumParticipants(size).build();
    }

    private List<Participant> othersThan(String identity) {
        List<Participant> others = new ArrayList<>();
        for (Participant participant : participants.values()) {
            if (!participant.identity().equals(identity)) {
                others.add(participant);
            }
        }
        return others;
    }

    static void broadcast(List<Participant> recipients, LivekitModels.ParticipantInfo changed) {
        LivekitRtc.SignalResponse update = LivekitRtc.SignalResponse.newBuilder()
                .setUpdate(LivekitRtc.ParticipantUpdate.newBuilder().addParticipants(changed)).build();
        for (Participant recipient : recipients) {
            if (recipient.link() != null) {
                recipient.link().send(update);
            }
        }
    }
}
