package io.stella.harness.reference.livekit;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import io.livekit.server.RoomJoin;
import io.livekit.server.RoomList;
import io.livekit.server.RoomName;
import io.livekit.server.RoomServiceClient;
import livekit.LivekitModels;
import livekit.LivekitRtc;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** /rtc as a LiveKit client sees it, through a real WebSocket on loopback. */
class RtcSignalingTest {

    static String joinToken(String identity, String room) {
        return StandInFixture.token(identity, new RoomJoin(true), new RoomName(room));
    }

    @Test
    void theFirstFrameIsAJoinResponseAndTheRoomIsMadeOnFirstJoin() throws Exception {
        try (StandInFixture standIn = new StandInFixture(Map.of());
             SignalClient alice = SignalClient.connect(standIn.wsUrl(), joinToken("alice", "fresh-room"))) {
            LivekitRtc.SignalResponse first = alice.next();

            assertTrue(first.hasJoin(), first.toString());
            assertEquals("fresh-room", first.getJoin().getRoom().getName());
            assertEquals("alice", first.getJoin().getParticipant().getIdentity());
            assertEquals(RtcSignaling.SERVER_VERSION, first.getJoin().getServerVersion());
            RoomServiceClient rooms = RoomServiceClient.createClient(standIn.httpUrl(), StandInFixture.API_KEY, StandInFixture.API_SECRET);
            assertEquals(List.of("alice"), rooms.listParticipants("fresh-room").execute().body().stream()
                    .map(LivekitModels.ParticipantInfo::getIdentity).toList());
        }
    }

    @Test
    void aPingRequestIsAnsweredWithAPongNamingIt() throws Exception {
        try (StandInFixture standIn = new StandInFixture(Map.of());
             SignalClient alice = SignalClient.connect(standIn.wsUrl(), joinToken("alice", "ping-room"))) {
            alice.next();

            alice.send(LivekitRtc.SignalRequest.newBuilder().setPingReq(LivekitRtc.Ping.newBuilder().setTimestamp(12345)).build());

            LivekitRtc.SignalResponse pong = alice.next();
            assertTrue(pong.hasPongResp(), pong.toString());
            assertEquals(12345, pong.getPongResp().getLastPingTimestamp());
        }
    }

    @Test
    void othersSeeAJoinAndALeaveAsParticipantUpdates() throws Exception {
        try (StandInFixture standIn = new StandInFixture(Map.of());
             SignalClient alice = SignalClient.connect(standIn.wsUrl(), joinToken("alice", "shared"))) {
            alice.next();
            try (SignalClient bob = SignalClient.connect(standIn.wsUrl(), joinToken("bob", "shared"))) {
                LivekitRtc.SignalResponse bobsJoin = bob.next();
                assertEquals(List.of("alice"), bobsJoin.getJoin().getOtherParticipantsList().stream()
                        .map(LivekitModels.ParticipantInfo::getIdentity).toList());

                LivekitRtc.SignalResponse joined = alice.next();
                assertEquals("bob", joined.getUpdate().getParticipants(0).getIdentity());
                assertEquals(LivekitModels.ParticipantInfo.State.JOINED, joined.getUpdate().getParticipants(0).getState());

                bob.send(LivekitRtc.SignalRequest.newBuilder().setLeave(LivekitRtc.LeaveRequest.newBuilder()).build());
                LivekitRtc.SignalResponse left = alice.next();
                assertEquals("bob", left.getUpdate().getParticipants(0).getIdentity());
                assertEquals(LivekitModels.ParticipantInfo.State.DISCONNECTED, left.getUpdate().getParticipants(0).getState());
            }
        }
    }

    @Test
    void deletingTheRoomDisconnectsEveryoneInIt() throws Exception {
        try (StandInFixture standIn = new StandInFixture(Map.of());
             SignalClient alice = SignalClient.connect(standIn.wsUrl(), joinToken("alice", "closing-room"))) {
            alice.next();
            RoomServiceClient rooms = RoomServiceClient.createClient(standIn.httpUrl(), StandInFixture.API_KEY, StandInFixture.API_SECRET);

            assertTrue(rooms.deleteRoom("closing-room").execute().isSuccessful());

            alice.closed.get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void aParticipantThatNeverCompletesMediaIsRemovedAfterTheJoinTimeout() throws Exception {
        try (StandInFixture standIn = new StandInFixture(Map.of("REFERENCE_JOIN_TIMEOUT_SEC", "1"));
             SignalClient alice = SignalClient.connect(standIn.wsUrl(), joinToken("alice", "slow-room"))) {
            alice.next();

            LivekitRtc.SignalResponse leave = alice.next();
            assertTrue(leave.hasLeave(), leave.toString());
            assertEquals(LivekitModels.DisconnectReason.JOIN_FAILURE, leave.getLeave().getReason());
            alice.closed.get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void everyCheckHappensBeforeTheUpgrade() throws Exception {
        try (StandInFixture standIn = new StandInFixture(Map.of("REFERENCE_MAX_PARTICIPANTS", "1"))) {
            assertRefused(standIn, StandInFixture.token("lister", new RoomList(true)), 401, "permissions denied");
            assertRefused(standIn, StandInFixture.token("nobody-in-particular", new RoomJoin(true)), 400, "no room name");
            assertRefused(standIn, tokenWithoutIdentity("r"), 400, "identity cannot be empty");
            assertRefused(standIn, "not.a.token", 401, "invalid authorization token");
            try (SignalClient first = SignalClient.connect(standIn.wsUrl(), joinToken("first", "full-room"))) {
                first.next();
                assertRefused(standIn, joinToken("second", "full-room"), 503, "maximum participants reached");
            }
        }
    }

    @Test
    void theServerWideLimitCountsEveryRoomAndALeaveFreesAPlace() throws Exception {
        try (StandInFixture standIn = new StandInFixture(Map.of("REFERENCE_MAX_PARTICIPANTS", "2"));
             SignalClient bob = SignalClient.connect(standIn.wsUrl(), joinToken("bob", "room-b"))) {
            bob.next();
            try (SignalClient alice = SignalClient.connect(standIn.wsUrl(), joinToken("alice", "room-a"))) {
                alice.next();
                assertRefused(standIn, joinToken("carol", "room-c"), 503, "maximum participants reached");

                alice.send(LivekitRtc.SignalRequest.newBuilder().setLeave(LivekitRtc.LeaveRequest.getDefaultInstance()).build());
                alice.closed.get(5, TimeUnit.SECONDS);
            }
            HttpResponse<String> carol = upgradeAttempt(standIn, joinToken("carol", "room-c"), false);
            assertEquals(200, carol.statusCode(), carol.body());
        }
    }

    @Test
    void validateAnswersSuccessForAJoinableToken() throws Exception {
        try (StandInFixture standIn = new StandInFixture(Map.of())) {
            HttpResponse<String> answer = upgradeAttempt(standIn, joinToken("alice", "any"), false);
            assertEquals(200, answer.statusCode());
            assertEquals("success", answer.body());
        }
    }

    /** The SDK refuses to mint a join token without an identity, so this one is made by hand. */
    static String tokenWithoutIdentity(String room) {
        return JWT.create().withIssuer(StandInFixture.API_KEY).withExpiresAt(Instant.now().plusSeconds(600))
                .withClaim("video", Map.of("roomJoin", true, "room", room))
                .sign(Algorithm.HMAC256(StandInFixture.API_SECRET));
    }

    /** Both the WebSocket upgrade and /rtc/validate refuse with the same status and message. */
    static void assertRefused(StandInFixture standIn, String token, int status, String message) throws Exception {
        for (boolean upgrade : new boolean[] {true, false}) {
            HttpResponse<String> answer = upgradeAttempt(standIn, token, upgrade);
            assertEquals(status, answer.statusCode(), (upgrade ? "/rtc: " : "/rtc/validate: ") + answer.body());
            assertEquals(message, answer.body(), upgrade ? "/rtc" : "/rtc/validate");
        }
    }

    private static HttpResponse<String> upgradeAttempt(StandInFixture standIn, String token, boolean upgrade) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(standIn.httpUrl()
                + (upgrade ? "/rtc" : "/rtc/validate") + "?access_token=" + token));
        if (upgrade) {
            // the handshake headers a WebSocket client sends; the JDK client would hide the refusal
            request.header("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==").header("Sec-WebSocket-Version", "13")
                    .header("X-Upgrade", "websocket");
        }
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
