package io.stella.harness.simulations;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.stella.harness.config.KnownNames;
import io.stella.harness.signoff.probes.Probes;
import io.stella.harness.config.LivekitTarget;
import io.stella.harness.livekit.ServerTokens;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.bodyString;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * LiveKit's token paths under load. Scenario {@code participantTokens}: the backend issues a session's
 * participant token and LiveKit validates it at {@code /rtc/validate}. Scenario {@code roomAdmin}: the
 * harness mints server tokens with the SDK and drives RoomService create, list and delete over Twirp.
 */
public class LiveKitTokenSimulation extends HarnessSimulation {

    static final String PARTICIPANT_TOKENS = "participantTokens";
    static final String ROOM_ADMIN = "roomAdmin";
    static final String VALIDATE_TOKEN = "validateToken";
    static final String CREATE_ROOM = "createRoom";
    static final String LIST_ROOMS = "listRooms";
    static final String DELETE_ROOM = "deleteRoom";

    static final KnownNames KNOWN_NAMES = new KnownNames("LiveKitTokenSimulation", Set.of(PARTICIPANT_TOKENS, ROOM_ADMIN),
            Set.of(BackendChains.TOKEN, BackendChains.CREATE_SESSION, BackendChains.END_SESSION, VALIDATE_TOKEN,
                    CREATE_ROOM, LIST_ROOMS, DELETE_ROOM), Probes.names());


    public LiveKitTokenSimulation() {
        super(KNOWN_NAMES, "livekit-tokens");
        BackendChains backend = new BackendChains(run);
        LivekitTarget livekit = run.livekit();
        ServerTokens serverTokens = new ServerTokens(livekit.apiKey(), livekit.apiSecret(), Duration.ofMinutes(10));

        ChainBuilder validate = exec(http(VALIDATE_TOKEN).get(livekit.httpUrl() + "/rtc/validate")
                .queryParam("access_token", "#{participantToken}").requestTimeout(run.requestTimeout())
                .check(status().is(200), bodyString().is("success")));
        ScenarioBuilder participantTokens = run.scenario(PARTICIPANT_TOKENS)
                .exec(backend.token(), backend.createSession(), validate, backend.endSession());

        ScenarioBuilder roomAdmin = run.scenario(ROOM_ADMIN)
                .exec(session -> session.set("serverToken", serverTokens.roomAdministration())
                        .set("room", "harness-room-" + run.injectorTag() + session.userId()))
                .exec(twirp(livekit, CREATE_ROOM, "CreateRoom", "{\"name\":\"#{room}\"}", run.requestTimeout())
                        .check(jsonPath("$.name").isEL("#{room}")))
                .exec(twirp(livekit, LIST_ROOMS, "ListRooms", "{\"names\":[\"#{room}\"]}", run.requestTimeout())
                        .check(jsonPath("$.rooms[0].name").isEL("#{room}")))
                .exec(twirp(livekit, DELETE_ROOM, "DeleteRoom", "{\"room\":\"#{room}\"}", run.requestTimeout()));

        setUp(OpenInjection.populations(run.profile(), List.of(participantTokens, roomAdmin),
                List.of(PARTICIPANT_TOKENS, ROOM_ADMIN)))
                .protocols(BackendChains.protocol(run)).maxDuration(run.maxDuration());
    }

    /** A JSON Twirp call to RoomService with the user's server token; 200 expected. */
    private static io.gatling.javaapi.http.HttpRequestActionBuilder twirp(LivekitTarget livekit, String name, String method,
                                                                          String jsonBody, Duration timeout) {
        return http(name).post(livekit.httpUrl() + "/twirp/livekit.RoomService/" + method).requestTimeout(timeout)
                .header("Authorization", "Bearer #{serverToken}")
                .body(StringBody(jsonBody))
                .check(status().is(200));
    }
}
