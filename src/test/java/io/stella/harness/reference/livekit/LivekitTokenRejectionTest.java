package io.stella.harness.reference.livekit;

import io.livekit.server.AccessToken;
import io.livekit.server.RoomCreate;
import io.livekit.server.RoomJoin;
import io.livekit.server.RoomList;
import io.livekit.server.RoomName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Date;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Tokens LiveKit refuses, refused the same way: a bad token is a plain-text 401 from the auth
 * middleware; a valid token without the grant is Twirp's JSON 401 "permissions denied".
 */
class LivekitTokenRejectionTest {

    static StandInFixture standIn;

    @BeforeAll
    static void start() {
        standIn = new StandInFixture(Map.of());
    }

    @AfterAll
    static void stop() {
        standIn.close();
    }

    @Test
    void aForgedTokenIsRefusedForItsSignature() throws Exception {
        String forged = StandInFixture.token(StandInFixture.API_KEY, "not-the-secret-but-just-as-long-as-it", "mallory",
                new RoomList(true));

        assertPlain401(listRooms(forged), "invalid authorization token: signature is invalid");
        assertPlain401(validate(forged), "invalid authorization token: signature is invalid");
    }

    @Test
    void anExpiredTokenIsRefusedPastTheMinuteOfLeeway() throws Exception {
        AccessToken token = new AccessToken(StandInFixture.API_KEY, StandInFixture.API_SECRET);
        token.setIdentity("late");
        token.setExpiration(new Date(System.currentTimeMillis() - 120_000));
        token.addGrants(new RoomList(true));

        assertPlain401(listRooms(token.toJwt()), "invalid authorization token: token is expired");
    }

    @Test
    void aTokenJustPastExpiryIsStillWithinTheLeeway() throws Exception {
        AccessToken token = new AccessToken(StandInFixture.API_KEY, StandInFixture.API_SECRET);
        token.setExpiration(new Date(System.currentTimeMillis() - 10_000));
        token.addGrants(new RoomList(true));

        assertEquals(200, listRooms(token.toJwt()).statusCode());
    }

    @Test
    void aTokenOfAnUnknownKeyIsRefused() throws Exception {
        String wrongKey = StandInFixture.token("APIunknown", StandInFixture.API_SECRET, "x", new RoomList(true));

        assertPlain401(listRooms(wrongKey), "invalid API key: APIunknown");
    }

    @Test
    void aJoinTokenForAnotherRoomCannotAdministerThisOne() throws Exception {
        String otherRoom = StandInFixture.token("alice", new RoomJoin(true), new RoomName("other-room"));

        HttpResponse<String> answer = standIn.twirp("livekit.RoomService/ListParticipants", otherRoom,
                "{\"room\":\"this-room\"}");

        assertTwirpPermissionDenied(answer);
    }

    @Test
    void aTokenWithoutTheGrantGetsPermissionDenied() throws Exception {
        String noGrants = StandInFixture.token("nobody");

        assertTwirpPermissionDenied(listRooms(noGrants));
        assertTwirpPermissionDenied(standIn.twirp("livekit.RoomService/CreateRoom",
                StandInFixture.token("lister", new RoomList(true)), "{\"name\":\"r\"}"));
        assertPlain401(validate(noGrants), "permissions denied");
    }

    @Test
    void noTokenAtAllGetsPermissionDenied() throws Exception {
        assertTwirpPermissionDenied(standIn.twirp("livekit.RoomService/ListRooms", null, "{}"));
    }

    @Test
    void anAuthorizationHeaderThatIsNotBearerIsRefused() throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(standIn.httpUrl() + "/twirp/livekit.RoomService/ListRooms"))
                .header("Authorization", "Basic abc").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());

        assertPlain401(answer, "invalid authorization header. Must start with Bearer ");
    }

    @Test
    void aCreateGrantIsNotAListGrant() throws Exception {
        assertTwirpPermissionDenied(listRooms(StandInFixture.token(null, new RoomCreate(true))));
    }

    static HttpResponse<String> listRooms(String token) throws Exception {
        return standIn.twirp("livekit.RoomService/ListRooms", token, "{}");
    }

    static HttpResponse<String> validate(String token) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(standIn.httpUrl() + "/rtc/validate?access_token=" + token)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static void assertPlain401(HttpResponse<String> answer, String message) {
        assertEquals(401, answer.statusCode(), answer.body());
        assertEquals(message, answer.body());
        assertEquals("text/plain", answer.headers().firstValue("Content-Type").orElse("").split(";")[0]);
        assertFalse(answer.body().contains("eyJ"), "a token is never echoed");
    }

    static void assertTwirpPermissionDenied(HttpResponse<String> answer) {
        assertEquals(401, answer.statusCode(), answer.body());
        assertEquals("{\"code\":\"unauthenticated\",\"msg\":\"permissions denied\"}", answer.body());
    }
}
