package io.stella.harness.reference.livekit;

import io.livekit.server.AgentDispatchServiceClient;
import io.livekit.server.RoomAdmin;
import io.livekit.server.RoomList;
import io.livekit.server.RoomName;
import io.livekit.server.RoomServiceClient;
import livekit.LivekitAgentDispatch;
import livekit.LivekitModels;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import retrofit2.Response;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The SDK's own clients, unchanged, against the stand-in; and Twirp by hand in JSON. */
class TwirpRoomServiceTest {

    static StandInFixture standIn;
    static RoomServiceClient rooms;
    static AgentDispatchServiceClient dispatches;

    @BeforeAll
    static void start() {
        standIn = new StandInFixture(Map.of("REFERENCE_AGENT_DELAY_MS", "100"));
        rooms = RoomServiceClient.createClient(standIn.httpUrl(), StandInFixture.API_KEY, StandInFixture.API_SECRET);
        dispatches = AgentDispatchServiceClient.createClient(standIn.httpUrl(), StandInFixture.API_KEY, StandInFixture.API_SECRET);
    }

    @AfterAll
    static void stop() {
        standIn.close();
    }

    @Test
    void createRoomIsIdempotentAndListRoomsShowsIt() throws Exception {
        LivekitModels.Room first = rooms.createRoom("sdk-room", 300).execute().body();
        LivekitModels.Room again = rooms.createRoom("sdk-room", 300).execute().body();

        assertEquals("sdk-room", first.getName());
        assertEquals(first.getSid(), again.getSid());
        List<LivekitModels.Room> listed = rooms.listRooms(List.of("sdk-room")).execute().body();
        assertEquals(List.of("sdk-room"), listed.stream().map(LivekitModels.Room::getName).toList());
    }

    @Test
    void deleteRoomRemovesItAndAMissingRoomIsNotFound() throws Exception {
        rooms.createRoom("doomed").execute();

        assertTrue(rooms.deleteRoom("doomed").execute().isSuccessful());
        assertEquals(List.of(), rooms.listRooms(List.of("doomed")).execute().body());
        Response<Void> missing = rooms.deleteRoom("doomed").execute();
        assertEquals(404, missing.code());
        assertEquals("{\"code\":\"not_found\",\"msg\":\"requested room does not exist\"}", missing.errorBody().string());
    }

    @Test
    void aDispatchedAgentJoinsItsRoomAsAnAgentParticipant() throws Exception {
        rooms.createRoom("agent-room").execute();
        LivekitAgentDispatch.AgentDispatch dispatch = dispatches.createDispatch("agent-room", "stella-agent", "{}").execute().body();

        assertEquals("stella-agent", dispatch.getAgentName());
        assertEquals(List.of(dispatch.getId()), dispatches.listDispatch("agent-room").execute().body().stream()
                .map(LivekitAgentDispatch.AgentDispatch::getId).toList());
        List<LivekitModels.ParticipantInfo> participants = waitForParticipants("agent-room", 1);
        assertEquals(LivekitModels.ParticipantInfo.Kind.AGENT, participants.get(0).getKind());
        LivekitModels.ParticipantInfo agent = rooms.getParticipant("agent-room", participants.get(0).getIdentity()).execute().body();
        assertEquals(participants.get(0).getSid(), agent.getSid());

        Response<Void> removal = rooms.removeParticipant("agent-room", agent.getIdentity()).execute();
        assertTrue(removal.isSuccessful(), removal.code() + " " + (removal.errorBody() == null ? "" : removal.errorBody().string()));
        assertEquals(List.of(), rooms.listParticipants("agent-room").execute().body());
        assertEquals(404, rooms.getParticipant("agent-room", agent.getIdentity()).execute().code());
        assertTrue(dispatches.deleteDispatch("agent-room", dispatch.getId()).execute().isSuccessful());
    }

    @Test
    void aDispatchBelongsToItsRoomAndGoesWithIt() throws Exception {
        rooms.createRoom("dispatch-room").execute();
        rooms.createRoom("other-room").execute();
        LivekitAgentDispatch.AgentDispatch dispatch = dispatches.createDispatch("dispatch-room", "stella-agent", "{}").execute().body();

        assertEquals(List.of(), dispatches.listDispatch("other-room").execute().body());
        assertEquals(404, dispatches.deleteDispatch("other-room", dispatch.getId()).execute().code());
        assertTrue(rooms.deleteRoom("dispatch-room").execute().isSuccessful());
        rooms.createRoom("dispatch-room").execute();
        assertEquals(List.of(), dispatches.listDispatch("dispatch-room").execute().body());
        assertEquals(404, dispatches.deleteDispatch("dispatch-room", dispatch.getId()).execute().code());
    }

    @Test
    void aHandWrittenJsonTwirpCallGetsJsonBack() throws Exception {
        rooms.createRoom("json-room").execute();
        String token = StandInFixture.token(null, new RoomList(true));

        HttpResponse<String> answer = standIn.twirp("livekit.RoomService/ListRooms", token, "{\"names\":[\"json-room\"]}");

        assertEquals(200, answer.statusCode());
        assertTrue(answer.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertTrue(answer.body().startsWith("{\"rooms\":[{\"sid\":\"RM_"), answer.body());
        assertTrue(answer.body().contains("\"name\":\"json-room\""), answer.body());
        assertTrue(answer.body().contains("\"max_participants\":0"), "proto field names, defaults included: " + answer.body());
    }

    @Test
    void anUnknownMethodIsABadRoute() throws Exception {
        HttpResponse<String> answer = standIn.twirp("livekit.RoomService/ExplodeRoom", StandInFixture.token(null, new RoomList(true)), "{}");

        assertEquals(404, answer.statusCode());
        assertEquals("{\"code\":\"bad_route\",\"msg\":\"no handler for path \\\"/twirp/livekit.RoomService/ExplodeRoom\\\"\"}",
                answer.body());
    }

    @Test
    void participantCallsNeedRoomAdminForThatVeryRoom() throws Exception {
        rooms.createRoom("room-a").execute();
        rooms.createRoom("room-b").execute();
        String adminOfA = StandInFixture.token(null, new RoomAdmin(true), new RoomName("room-a"));

        assertEquals(200, standIn.twirp("livekit.RoomService/ListParticipants", adminOfA, "{\"room\":\"room-a\"}").statusCode());
        HttpResponse<String> wrongRoom = standIn.twirp("livekit.RoomService/ListParticipants", adminOfA, "{\"room\":\"room-b\"}");
        assertEquals(401, wrongRoom.statusCode());
        assertEquals("{\"code\":\"unauthenticated\",\"msg\":\"permissions denied\"}", wrongRoom.body());
    }

    private static List<LivekitModels.ParticipantInfo> waitForParticipants(String room, int count) throws Exception {
        long deadline = System.currentTimeMillis() + 5_000;
        List<LivekitModels.ParticipantInfo> participants = List.of();
        while (System.currentTimeMillis() < deadline) {
            participants = rooms.listParticipants(room).execute().body();
            if (participants.size() >= count) {
                return participants;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("expected " + count + " participants in " + room + ", saw " + participants);
    }
}
