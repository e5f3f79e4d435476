package io.stella.harness.reference;

import io.livekit.server.AgentDispatchServiceClient;
import io.livekit.server.RoomServiceClient;
import io.livekit.server.okhttp.OkHttpFactory;
import io.stella.harness.config.LivekitTarget;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import retrofit2.Response;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * What the backend asks of LiveKit for a session, through the official SDK's clients exactly as a
 * STELLA backend does: create the room and dispatch the agent on start, delete the room on end. The
 * clients are made on first use because the stand-in's address is known only once the server is up.
 * <p>
 * Both clients share one OkHttp client whose pool keeps as many idle connections as calls may be in
 * flight: with OkHttp's default of five, every burst of session starts and ends closed its extra
 * connections and opened them again, and a profile of bench/voice-sessions.sh at 150 callers/s
 * showed threads blocked on the pool's locks for 62 s in 60.
 */
final class SessionRooms {

    /** LiveKit did not do what was asked; the backend answers 502. */
    static final class LivekitUnavailable extends Exception {
        LivekitUnavailable(String message) {
            super(message, null, false, false);
        }
    }

    static final int EMPTY_TIMEOUT_SEC = 300;

    private final Supplier<String> livekitUrl;
    private final String apiKey;
    private final String apiSecret;
    private final Supplier<OkHttpClient> http;
    private RoomServiceClient roomClient;
    private AgentDispatchServiceClient dispatchClient;

    SessionRooms(Supplier<String> livekitUrl, String apiKey, String apiSecret, int maxCallsInFlight) {
        this.livekitUrl = livekitUrl;
        this.apiKey = apiKey;
        this.apiSecret = apiSecret;
        this.http = new OkHttpFactory(false, builder -> builder.connectionPool(
                new ConnectionPool(maxCallsInFlight, 5, TimeUnit.MINUTES)));
    }

    void open(String roomName, String agentName, String metadata) throws LivekitUnavailable {
        expect(call(() -> roomClient().createRoom(roomName, EMPTY_TIMEOUT_SEC).execute()), "CreateRoom");
        expect(call(() -> dispatchClient().createDispatch(roomName, agentName, metadata == null ? "" : metadata).execute()),
                "CreateDispatch");
    }

    /** Deletes the room; a room LiveKit no longer has is already closed. */
    void close(String roomName) throws LivekitUnavailable {
        Response<Void> answer = call(() -> roomClient().deleteRoom(roomName).execute());
        if (!answer.isSuccessful() && answer.code() != 404) {
            expect(answer, "DeleteRoom");
        }
    }

    private synchronized RoomServiceClient roomClient() {
        if (roomClient == null) {
            roomClient = RoomServiceClient.createClient(httpUrl(), apiKey, apiSecret, http);
        }
        return roomClient;
    }

    private synchronized AgentDispatchServiceClient dispatchClient() {
        if (dispatchClient == null) {
            dispatchClient = AgentDispatchServiceClient.createClient(httpUrl(), apiKey, apiSecret, http);
        }
        return dispatchClient;
    }

    /** The SDK's service clients speak HTTP to the address clients reach over ws. */
    private String httpUrl() {
        return LivekitTarget.httpUrlOf(livekitUrl.get());
    }

    private interface Call<T> {
        Response<T> run() throws IOException;
    }

    private static <T> Response<T> call(Call<T> call) throws LivekitUnavailable {
        try {
            return call.run();
        } catch (IOException e) {
            throw new LivekitUnavailable("LiveKit did not answer: " + e.getClass().getSimpleName());
        }
    }

    private static void expect(Response<?> answer, String method) throws LivekitUnavailable {
        if (!answer.isSuccessful()) {
            throw new LivekitUnavailable("LiveKit " + method + " answered " + answer.code());
        }
    }
}
