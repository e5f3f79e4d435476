package io.stella.harness.reference.livekit;

import io.javalin.config.RoutesConfig;
import io.stella.harness.reference.livekit.media.AgentStamps;
import io.stella.harness.reference.livekit.media.StandInMedia;

import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The LiveKit stand-in inside the reference target: RoomService and AgentDispatchService over Twirp,
 * {@code /rtc} signaling and {@code /rtc/validate}, all checked against one API key and secret.
 */
public final class LivekitStandIn implements AutoCloseable {

    private final Rooms rooms = new Rooms();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "livekit-stand-in-timer");
        thread.setDaemon(true);
        return thread;
    });
    private final RoomServiceHandler roomService;
    private final AgentDispatchHandler agentDispatch;
    private final RtcSignaling signaling;
    private final StandInMedia media;
    private final AgentPool agentPool;

    public LivekitStandIn(LivekitSettings settings) {
        LivekitAuth auth = new LivekitAuth(new LivekitTokenVerifier(Map.of(settings.apiKey(), settings.apiSecret()),
                settings.verifiesTokens()));
        this.agentPool = new AgentPool(settings.agentPool(), timer);
        this.media = new StandInMedia(settings.agentVoice(), timer);
        this.agentDispatch = new AgentDispatchHandler(auth, rooms, timer, settings.agentJoinDelayMillis(), agentPool,
                settings.agentFaults(), new AgentDispatchHandler.AgentMoves() {
                    @Override
                    public void left(String room) {
                        media.agentLeft(room);
                    }

                    @Override
                    public void joined(String room) {
                        media.agentJoined(room);
                    }
                });
        this.roomService = new RoomServiceHandler(auth, rooms, agentDispatch::roomDeleted);
        this.signaling = new RtcSignaling(auth, rooms, timer, settings, media);
    }

    public void register(RoutesConfig routes) {
        routes.post(roomService.pathPrefix() + "{method}", roomService::handle);
        routes.post(agentDispatch.pathPrefix() + "{method}", agentDispatch::handle);
        // LiveKit lets any origin read what /rtc answers, relying on tokens, not origins: a web client
        // reads the status of /rtc/v1/validate (404 from a server without the v1 path) to fall back to /rtc.
        routes.before("/rtc/*", ctx -> {
            if (ctx.header("Origin") != null) {
                ctx.header("Access-Control-Allow-Origin", ctx.header("Origin"));
                ctx.header("Vary", "Origin");
            }
        });
        routes.get("/rtc/validate", signaling::validate);
        routes.wsBeforeUpgrade("/rtc", signaling::beforeUpgrade);
        routes.ws("/rtc", signaling::configure);
    }

    /** The agent workers' load now: busy, free, waiting. */
    public AgentPool.Load agentLoad() {
        return agentPool.load();
    }

    /** Starts the agents' media now, before any caller: see {@link StandInMedia#warmUp()}. */
    public void warmUpMedia() {
        media.warmUp();
    }

    /** What the agents stamped: each turn's legs, and on the packet engine each call's inbound loss. */
    public AgentStamps agentStamps() {
        return media.stamps();
    }

    @Override
    public void close() {
        media.close();
        timer.shutdownNow();
    }
}
