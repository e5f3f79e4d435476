package io.stella.harness.reference.livekit;

import livekit.LivekitModels;
import livekit.LivekitRoom;

import java.util.function.Consumer;

/**
 * {@code livekit.RoomService} over Twirp: the calls a STELLA backend makes, with the grants
 * LiveKit's {@code roomservice.go} requires for each.
 */
final class RoomServiceHandler extends TwirpService {

    private final Rooms rooms;
    private final Consumer<String> onRoomDeleted;

    RoomServiceHandler(LivekitAuth auth, Rooms rooms, Consumer<String> onRoomDeleted) {
        super("livekit.RoomService", auth);
        this.rooms = rooms;
        this.onRoomDeleted = onRoomDeleted;
    }

    @Override
    boolean dispatch(String method, TwirpCall call, LivekitGrants grants) throws TwirpException {
        switch (method) {
            case "CreateRoom" -> createRoom(call, grants);
            case "ListRooms" -> listRooms(call, grants);
            case "DeleteRoom" -> deleteRoom(call, grants);
            case "ListParticipants" -> listParticipants(call, grants);
            case "GetParticipant" -> {
                LivekitRoom.RoomParticipantIdentity request = call.read(LivekitRoom.RoomParticipantIdentity.newBuilder()).build();
                require(grants.adminOf(request.getRoom()));
                call.answer(participant(request).toProto(LivekitModels.ParticipantInfo.State.JOINED));
            }
            case "RemoveParticipant" -> removeParticipant(call, grants);
            default -> {
                return false;
            }
        }
        return true;
    }

    private void createRoom(TwirpCall call, LivekitGrants grants) throws TwirpException {
        require(grants.roomCreate());
        LivekitRoom.CreateRoomRequest request = call.read(LivekitRoom.CreateRoomRequest.newBuilder()).build();
        if (request.getName().isEmpty()) {
            throw TwirpException.invalidArgument("room name is required");
        }
        call.answer(rooms.createIfAbsent(request.getName(), request.getMaxParticipants(), request.getMetadata()).toProto());
    }

    private void listRooms(TwirpCall call, LivekitGrants grants) throws TwirpException {
        require(grants.roomList());
        LivekitRoom.ListRoomsRequest request = call.read(LivekitRoom.ListRoomsRequest.newBuilder()).build();
        LivekitRoom.ListRoomsResponse.Builder answer = LivekitRoom.ListRoomsResponse.newBuilder();
        rooms.list(request.getNamesList()).forEach(room -> answer.addRooms(room.toProto()));
        call.answer(answer.build());
    }

    private void deleteRoom(TwirpCall call, LivekitGrants grants) throws TwirpException {
        require(grants.roomCreate());
        LivekitRoom.DeleteRoomRequest request = call.read(LivekitRoom.DeleteRoomRequest.newBuilder()).build();
        if (!rooms.delete(request.getRoom())) {
            throw TwirpException.notFound("requested room does not exist");
        }
        onRoomDeleted.accept(request.getRoom());
        call.answer(LivekitRoom.DeleteRoomResponse.getDefaultInstance());
    }

    private void listParticipants(TwirpCall call, LivekitGrants grants) throws TwirpException {
        LivekitRoom.ListParticipantsRequest request = call.read(LivekitRoom.ListParticipantsRequest.newBuilder()).build();
        require(grants.adminOf(request.getRoom()));
        LivekitRoom.ListParticipantsResponse.Builder answer = LivekitRoom.ListParticipantsResponse.newBuilder();
        room(request.getRoom()).participants()
                .forEach(p -> answer.addParticipants(p.toProto(LivekitModels.ParticipantInfo.State.JOINED)));
        call.answer(answer.build());
    }

    private void removeParticipant(TwirpCall call, LivekitGrants grants) throws TwirpException {
        LivekitRoom.RoomParticipantIdentity request = call.read(LivekitRoom.RoomParticipantIdentity.newBuilder()).build();
        require(grants.adminOf(request.getRoom()));
        Participant removed = participant(request);
        room(request.getRoom()).leave(removed.identity(), null);
        if (removed.link() != null) {
            removed.link().close();
        }
        call.answer(LivekitRoom.RemoveParticipantResponse.getDefaultInstance());
    }

    private Room room(String name) throws TwirpException {
        return rooms.find(name).orElseThrow(() -> TwirpException.notFound("requested room does not exist"));
    }

    private Participant participant(LivekitRoom.RoomParticipantIdentity request) throws TwirpException {
        return room(request.getRoom()).participant(request.getIdentity())
                .orElseThrow(() -> TwirpException.notFound("participant does not exist"));
    }
}
