package io.stella.harness.simulations;

import io.stella.harness.api.StellaSimulation;
import io.stella.harness.api.SimulationNames;
import io.stella.harness.api.BackendChains;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import io.stella.harness.config.LivekitTarget;
import io.stella.harness.livekit.LivekitTokens;

import java.time.Duration;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.bodyString;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * LiveKit's token paths under load. Scenario {@code participantTokens}: the backend issues a session's
 * participant token and LiveKit validates it at {@code /rtc/validate}. Scenario {@code roomAdmin}: the
 * harness mints server tokens with the SDK and drives RoomService create, list and delete over Twirp.
 */
public class LiveKitTokenSimulation extends StellaSimulation {

    static final String DEFAULT_PROFILE = "livekit-tokens";
    static final String PARTICIPANT_TOKENS = "participantTokens";
    static final String ROOM_ADMIN = "roomAdmin";
    static final String VALIDATE_TOKEN = "validateToken";
    static final String CREATE_ROOM = "createRoom";
    static final String LIST_ROOMS = "listRooms";
    static final String DELETE_ROOM = "deleteRoom";

    static final SimulationNames NAMES = SimulationNames.scenarios(PARTICIPANT_TOKENS, ROOM_ADMIN)
            .requests(BackendChains.TOKEN, BackendChains.CREATE_SESSION, BackendChains.END_SESSION, VALIDATE_TOKEN,
                    CREATE_ROOM, LIST_ROOMS, DELETE_ROOM);

    public LiveKitTokenSimulation() {
        super(DEFAULT_PROFILE, NAMES);
        LivekitTarget livekit = livekit();
        LivekitTokens serverTokens = new LivekitTokens(livekit.apiKey(), livekit.apiSecret(), Duration.ofMinutes(10));

        ChainBuilder validate = timed(http(VALIDATE_TOKEN).get(livekit.httpUrl() + "/rtc/validate")
                .queryParam("access_token", "#{participantToken}")
                .check(status().is(200), bodyString().is("success")));
        ScenarioBuilder participantTokens = scenario(PARTICIPANT_TOKENS)
                .exec(backend().token(), backend().createSession(), validate, backend().endSession());

        ScenarioBuilder roomAdmin = scenario(ROOM_ADMIN)
                .exec(session -> session.set("serverToken", serverTokens.roomAdministration())
                        .set("room", "harness-room-" + run().injectorTag() + session.userId()))
                .exec(timed(twirp(livekit, CREATE_ROOM, "CreateRoom", "{\"name\":\"#{room}\"}")
                        .check(status().is(200), jsonPath("$.name").isEL("#{room}"))))
                .exec(timed(twirp(livekit, LIST_ROOMS, "ListRooms", "{\"names\":[\"#{room}\"]}")
                        .check(status().is(200), jsonPath("$.rooms[0].name").isEL("#{room}"))))
                .exec(timed(twirp(livekit, DELETE_ROOM, "DeleteRoom", "{\"room\":\"#{room}\"}")
                        .check(status().is(200))));

        setUpFromProfile(participantTokens, roomAdmin);
    }

    /** A JSON Twirp call to RoomService with the user's server token. */
    private static HttpRequestActionBuilder twirp(LivekitTarget livekit, String name, String method, String jsonBody) {
        return http(name).post(livekit.httpUrl() + "/twirp/livekit.RoomService/" + method)
                .header("Authorization", "Bearer #{serverToken}")
                .body(StringBody(jsonBody));
    }
}
