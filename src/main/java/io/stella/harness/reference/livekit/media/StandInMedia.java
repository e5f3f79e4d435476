package io.stella.harness.reference.livekit.media;

import io.stella.harness.livekit.media.CallMedia;
import io.stella.harness.livekit.media.WebRtcEngine;
import io.stella.harness.livekit.packet.PacketEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import livekit.LivekitModels;
import livekit.LivekitRtc;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The media side of the stand-in: one agent session per participant that asked for media
 * (signaling-only clients never cost any WebRTC), all on one engine started with the first:
 * libwebrtc ({@link AgentMediaSession}) or the packet engine ({@link PacketAgentSession}), as
 * {@link AgentVoice#MEDIA_ENGINE} says.
 */
public final class StandInMedia implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StandInMedia.class);

    private final AgentVoice voice;
    private final ScheduledExecutorService timer;
    private final Map<String, AgentSession> byParticipant = new ConcurrentHashMap<>();
    private final java.util.function.LongSupplier replyDelaysMillis;
    private final AgentStamps stamps = new AgentStamps();
    private CallMedia.Engine engine;
    private boolean closed;

    public StandInMedia(AgentVoice voice, ScheduledExecutorService timer) {
        this.voice = voice;
        this.timer = timer;
        java.util.function.LongSupplier drawn = voice.replyDelaysMillis();
        this.replyDelaysMillis = () -> drawn.getAsLong() + voice.thinkingPerCallMillis() * Math.max(0, byParticipant.size() - 1);
    }

    public static boolean isMedia(LivekitRtc.SignalRequest request) {
        return switch (request.getMessageCase()) {
            case ADD_TRACK, OFFER, ANSWER, TRICKLE -> true;
            default -> false;
        };
    }

    /** Hands a media request to the participant's session, opening it on the first one. */
    public void handle(String room, String participantSid, LivekitRtc.SignalRequest request,
                       Consumer<LivekitRtc.SignalResponse> toClient, Supplier<Optional<LivekitModels.ParticipantInfo>> agent) {
        AgentSession session;
        synchronized (this) {
            if (closed) {
                return;
            }
            session = byParticipant.get(participantSid);
            if (session == null) {
                try {
                    session = open(room, toClient, agent);
                } catch (IOException e) {
                    LOG.warn("no media for a caller: {}", e.getMessage());
                    return;
                }
                byParticipant.put(participantSid, session);
            }
        }
        session.handle(request);
    }

    /** The agents' stamps: every turn's legs, and on the packet engine each call's inbound loss. */
    public AgentStamps stamps() {
        return stamps;
    }

    public boolean hasMedia(String participantSid) {
        return byParticipant.containsKey(participantSid);
    }

    private AgentSession open(String room, Consumer<LivekitRtc.SignalResponse> toClient,
                              Supplier<Optional<LivekitModels.ParticipantInfo>> agent) throws IOException {
        CallMedia.Engine shared = engine();
        if (shared instanceof PacketEngine packets) {
            return new PacketAgentSession(turns(room), toClient, agent, voice, packets, timer);
        }
        return new AgentMediaSession(turns(room), toClient, agent, voice, (WebRtcEngine) shared,
                timer);
    }

    private AgentTurns turns(String room) {
        return new AgentTurns(room, stamps, replyDelaysMillis, voice.interruptAfterMillis(), timer);
    }

    /**
     * Opens the agents' engine now rather than at the first call, and on the packet engine sets up one
     * loopback connection: a deployed platform is warm when a run starts, and the first callers should
     * not queue behind the stand-in's start-up (4.4 s, which they read as media set-up).
     */
    public void warmUp() {
        CallMedia.Engine opened;
        synchronized (this) {
            opened = engine();
        }
        if (opened instanceof PacketEngine packets) {
            try {
                packets.warmUp();
            } catch (IOException e) {
                LOG.warn("the agents' media engine did not warm up ({}): the first calls pay for its start", e.getMessage());
            }
        }
    }

    /** The agent in the room crashed: every caller's agent session there goes silent. */
    public void agentLeft(String room) {
        sessionsIn(room).forEach(AgentSession::agentLeft);
    }

    /** An agent joined the room: a session whose agent crashed is taken over by it. */
    public void agentJoined(String room) {
        sessionsIn(room).forEach(AgentSession::agentJoined);
    }

    private java.util.List<AgentSession> sessionsIn(String room) {
        return byParticipant.values().stream().filter(session -> session.room().equals(room)).toList();
    }

    public void left(String participantSid) {
        AgentSession session = byParticipant.remove(participantSid);
        if (session != null) {
            session.close();
        }
    }

    private CallMedia.Engine engine() {
        if (engine == null) {
            engine = voice.engine().equals(AgentVoice.PACKET) ? packetEngine() : new WebRtcEngine("stand-in-agents");
        }
        return engine;
    }

    /** The packet engine with the agents' clips encoded up front: encoding the reply at its first turn delayed it by 170 ms. */
    private PacketEngine packetEngine() {
        PacketEngine packets = new PacketEngine("stand-in-agents");
        packets.opus(voice.greeting());
        packets.opus(voice.reply());
        return packets;
    }

    @Override
    public synchronized void close() {
        closed = true;
        byParticipant.values().forEach(AgentSession::close);
        byParticipant.clear();
        if (engine != null) {
            engine.close();
        }
    }
}
