package io.stella.harness.livekit.media;

import io.livekit.server.AccessToken;
import io.livekit.server.AgentDispatchServiceClient;
import io.livekit.server.RoomJoin;
import io.livekit.server.RoomName;
import io.stella.harness.config.Settings;
import io.stella.harness.reference.ReferenceSettings;
import io.stella.harness.reference.ReferenceTarget;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** The reference target with its agent, and a way into one of its rooms with the agent dispatched there. */
final class MediaTarget implements AutoCloseable {

    static final String API_KEY = "APImedia";
    static final String API_SECRET = "media-test-secret-of-enough-length-1";

    private final ReferenceTarget target;
    private final AgentDispatchServiceClient dispatches;

    MediaTarget(Map<String, String> agentSettings) {
        Map<String, String> settings = new HashMap<>(Map.of("LIVEKIT_API_KEY", API_KEY, "LIVEKIT_API_SECRET", API_SECRET,
                "STELLA_CLIENT_SECRET", "media-fixture-secret", "REFERENCE_AGENT_DELAY_MS", "50"));
        settings.putAll(agentSettings);
        target = ReferenceTarget.start(ReferenceSettings.from(new Settings(settings)));
        dispatches = AgentDispatchServiceClient.createClient(target.baseUrl().toString(), API_KEY, API_SECRET);
    }

    String livekitUrl() {
        return target.livekitUrl();
    }

    /** A fresh room with the agent dispatched to it, and a caller's token for it. */
    String callerTokenForNewRoom() throws Exception {
        return newRoom().callerToken();
    }

    /** A room the agent is dispatched to, by name, with a caller's token for it. */
    record Room(String name, String callerToken) {
    }

    Room newRoom() throws Exception {
        String room = "media-" + UUID.randomUUID().toString().substring(0, 8);
        dispatches.createDispatch(room, "stella-agent", "{}").execute();
        AccessToken token = new AccessToken(API_KEY, API_SECRET);
        token.setIdentity("caller-" + room);
        token.addGrants(new RoomJoin(true), new RoomName(room));
        return new Room(room, token.toJwt());
    }

    /** What the agents on the packet engine stamped. */
    io.stella.harness.reference.livekit.media.AgentStamps agentStamps() {
        return target.agentStamps();
    }

    /**
     * {@code count} calls of the conversation on the packet engine, each in a new room with the agent, one every 100 ms,
     * their figures into {@code recorder}; each call's report by its room, once all have ended.
     */
    Map<String, CallReport> converse(Conversation conversation, int count, io.stella.harness.latency.ConversationRecorder recorder)
            throws Exception {
        java.util.concurrent.ExecutorService callers = java.util.concurrent.Executors.newFixedThreadPool(count);
        try (CallMedia.Engine engine = new io.stella.harness.livekit.packet.PacketEngine("test-callers")) {
            Map<String, java.util.concurrent.Future<CallReport>> calls = new HashMap<>();
            for (int i = 0; i < count; i++) {
                Room room = newRoom();
                calls.put(room.name(), callers.submit(() -> new MediaCall(livekitUrl(), room.callerToken(), conversation, engine,
                        recorder.forCall(io.stella.harness.config.ConversationShape.PACKET)).run()));
                Thread.sleep(100);
            }
            Map<String, CallReport> reports = new HashMap<>();
            for (Map.Entry<String, java.util.concurrent.Future<CallReport>> call : calls.entrySet()) {
                reports.put(call.getKey(), call.getValue().get());
            }
            return reports;
        } finally {
            callers.shutdownNow();
        }
    }

    @Override
    public void close() {
        target.close();
    }
}
