package io.stella.harness.reference.livekit.media;

import io.stella.harness.livekit.media.AudioPacer;
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
 * media (signaling-only clients never cost a WebRTC engine), and one audio clock for the agents.
 */
public final class StandInMedia implements AutoCloseable {

    private final AgentVoice voice;
    private final ScheduledExecutorService timer;
    private final Map<String, AgentMediaSession> byParticipant = new ConcurrentHashMap<>();
    private AudioPacer pacer;
    private boolean closed;

    public StandInMedia(AgentVoice voice, ScheduledExecutorService timer) {
        this.voice = voice;
        this.timer = timer;
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
                    sid -> new AgentMediaSession(toClient, agent, voice, pacer(), timer));
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

    private AudioPacer pacer() {
        if (pacer == null) {
            pacer = new AudioPacer("stand-in-agent-audio");
        }
        return pacer;
    }

    @Override
    public synchronized void close() {
        closed = true;
        byParticipant.values().forEach(AgentMediaSession::close);
        byParticipant.clear();
        if (pacer != null) {
            pacer.close();
        }
    }
}
