package io.stella.harness.reference.livekit.media;

import io.stella.harness.livekit.media.WebRtcEngine;
import livekit.LivekitModels;
import livekit.LivekitRtc;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The media side of the stand-in: one {@link AgentMediaSession} per participant that asked for
 * media (signaling-only clients never cost any WebRTC), all on one engine started with the first.
 */
public final class StandInMedia implements AutoCloseable {

    private final AgentVoice voice;
    private final ScheduledExecutorService timer;
    private final Map<String, AgentMediaSession> byParticipant = new ConcurrentHashMap<>();
    private final java.util.function.LongSupplier replyDelaysMillis;
    private WebRtcEngine engine;
    private boolean closed;

    public StandInMedia(AgentVoice voice, ScheduledExecutorService timer) {
        this.voice = voice;
        this.timer = timer;
        this.replyDelaysMillis = voice.replyDelaysMillis();
    }

    public static boolean isMedia(LivekitRtc.SignalRequest request) {
        return switch (request.getMessageCase()) {
            case ADD_TRACK, OFFER, ANSWER, TRICKLE -> true;
            default -> false;
        };
    }

    /** Hands a media request to the participant's session, opening it on the first one. */
    public void handle(String participantSid, LivekitRtc.SignalRequest request, Consumer<LivekitRtc.SignalResponse> toClient,
                       Supplier<Optional<LivekitModels.ParticipantInfo>> agent) {
        AgentMediaSession session;
        synchronized (this) {
            if (closed) {
                return;
            }
            session = byParticipant.computeIfAbsent(participantSid,
                    sid -> new AgentMediaSession(toClient, agent, voice, replyDelaysMillis, engine(), timer));
        }
        session.handle(request);
    }

    public boolean hasMedia(String participantSid) {
        return byParticipant.containsKey(participantSid);
    }

    public void left(String participantSid) {
        AgentMediaSession session = byParticipant.remove(participantSid);
        if (session != null) {
            session.close();
        }
    }

    private WebRtcEngine engine() {
        if (engine == null) {
            engine = new WebRtcEngine("stand-in-agents");
        }
        return engine;
    }

    @Override
    public synchronized void close() {
        closed = true;
        byParticipant.values().forEach(AgentMediaSession::close);
        byParticipant.clear();
        if (engine != null) {
            engine.close();
        }
    }
}
