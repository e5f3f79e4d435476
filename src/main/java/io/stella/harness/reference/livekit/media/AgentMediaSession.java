package io.stella.harness.reference.livekit.media;

import io.stella.harness.livekit.media.ConnectionEvents;
import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import dev.onvoid.webrtc.RTCSdpType;
import dev.onvoid.webrtc.RTCSessionDescription;
import dev.onvoid.webrtc.media.audio.AudioTrack;
import dev.onvoid.webrtc.media.audio.AudioTrackSink;
import io.stella.harness.livekit.media.AudioPacer;
import io.stella.harness.livekit.media.IceCandidates;
import io.stella.harness.livekit.media.Negotiation;
import io.stella.harness.livekit.media.Pcm;
import io.stella.harness.livekit.media.SpeechClip;
import io.stella.harness.livekit.media.VoiceActivity;
import io.stella.harness.livekit.media.WebRtcEndpoint;
import io.stella.harness.livekit.media.WebRtcEngine;
import livekit.LivekitModels;
import livekit.LivekitRtc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The server side of one caller's media, with the simulated agent on the other end: it answers the
 * caller's publisher offer and listens to the caller's track; once the agent is in the room it
 * offers the subscriber connection carrying the agent's voice. The agent greets, then answers each
 * utterance after the endpointing silence and its think-and-speak delay.
 */
public final class AgentMediaSession implements AgentSession {

    private static final Logger LOG = LoggerFactory.getLogger(AgentMediaSession.class);
    private static final long AGENT_POLL_MILLIS = 10;

    private final AgentTurns turns;
    private final Consumer<LivekitRtc.SignalResponse> toClient;
    private final Supplier<Optional<LivekitModels.ParticipantInfo>> agent;
    private final AgentVoice voice;
    private final AudioPacer pacer;
    private final ScheduledExecutorService timer;
    private final String agentTrackSid = AgentTracks.newAgentTrackSid();
    private final WebRtcEndpoint endpoint;
    private final AtomicBoolean subscriberOffered = new AtomicBoolean();
    private final AtomicBoolean connected = new AtomicBoolean();
    private final RTCPeerConnection fromCaller;
    private final IceCandidates fromCallerIce;
    private RTCPeerConnection toCaller;
    private IceCandidates toCallerIce;
    private ScheduledFuture<?> waitingForAgent;
    private AudioTrack callerTrack;
    private AudioTrackSink ear;
    private volatile boolean closed;

    /**
     * @param turns    the turn-taking with this caller, and where its legs are stamped
     * @param toClient sends a frame to the caller's signaling socket
     * @param agent    the agent participant once it is in the room
     */
    public AgentMediaSession(AgentTurns turns, Consumer<LivekitRtc.SignalResponse> toClient,
                             Supplier<Optional<LivekitModels.ParticipantInfo>> agent, AgentVoice voice, WebRtcEngine engine,
                             ScheduledExecutorService timer) {
        this.turns = turns;
        this.toClient = toClient;
        this.agent = agent;
        this.voice = voice;
        this.pacer = engine.pacer();
        this.endpoint = engine.endpoint(agentTrackSid);
        this.timer = timer;
        fromCaller = endpoint.receivingConnection(events(LivekitRtc.SignalTarget.PUBLISHER), List.of());
        fromCallerIce = new IceCandidates(fromCaller);
        // Not at once: the task cancels itself through this field, which must be set first.
        waitingForAgent = timer.scheduleWithFixedDelay(this::offerOnceTheAgentIsIn, AGENT_POLL_MILLIS, AGENT_POLL_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    /** A media request from the caller's socket; signaling requests are the room's business. */
    @Override
    public void handle(LivekitRtc.SignalRequest request) {
        if (closed) {
            return;
        }
        switch (request.getMessageCase()) {
            case ADD_TRACK -> toClient.accept(AgentTracks.published(request.getAddTrack()));
            case OFFER -> answer(request.getOffer());
            case ANSWER -> {
                if (toCaller != null) {
                    Negotiation.setRemote(toCaller, new RTCSessionDescription(RTCSdpType.ANSWER,
                                    LoopbackCandidates.reachableOnly(request.getAnswer().getSdp())))
                            .thenRun(toCallerIce::remoteDescriptionSet);
                }
            }
            case TRICKLE -> {
                RTCIceCandidate candidate;
                try {
                    candidate = IceCandidates.fromJson(request.getTrickle().getCandidateInit());
                } catch (IllegalArgumentException e) {
                    return; // LiveKit drops a candidate it cannot parse
                }
                if (LoopbackCandidates.reachable(candidate)) {
                    if (request.getTrickle().getTarget() == LivekitRtc.SignalTarget.PUBLISHER) {
                        fromCallerIce.add(candidate);
                    } else if (toCallerIce != null) {
                        toCallerIce.add(candidate);
                    }
                }
            }
            default -> {
            }
        }
    }

    /** Answers the caller's publisher offer: the first, often for data channels alone, and each renegotiation. */
    private void answer(LivekitRtc.SessionDescription offer) {
        Negotiation.answer(fromCaller, LoopbackCandidates.reachableOnly(offer.getSdp())).thenAccept(answer -> {
            fromCallerIce.remoteDescriptionSet();
            // The answer names the offer it answers: a web client waits for its own offer's id.
            toClient.accept(LivekitRtc.SignalResponse.newBuilder().setAnswer(Negotiation.toSignal(answer).toBuilder()
                    .setSdp(LoopbackCandidates.advertisedOnly(answer.sdp)).setId(offer.getId())).build());
        }).exceptionally(failure -> {
            LOG.warn("the caller's publisher offer could not be answered: {}", failure.getMessage());
            return null;
        });
    }

    private void offerOnceTheAgentIsIn() {
        Optional<LivekitModels.ParticipantInfo> inRoom = agent.get();
        if (closed || inRoom.isEmpty() || !subscriberOffered.compareAndSet(false, true)) {
            return;
        }
        waitingForAgent.cancel(false);
        toClient.accept(AgentTracks.agentPublished(inRoom.get(), agentTrackSid));
        toCaller = endpoint.sendingConnection(events(LivekitRtc.SignalTarget.SUBSCRIBER), List.of());
        toCallerIce = new IceCandidates(toCaller);
        toCaller.addTrack(endpoint.voiceTrack(), List.of(AgentTracks.streamId(inRoom.get(), agentTrackSid)));
        Negotiation.offer(toCaller).thenAccept(offer -> toClient.accept(LivekitRtc.SignalResponse.newBuilder()
                .setOffer(Negotiation.toSignal(offer).toBuilder().setSdp(LoopbackCandidates.advertisedOnly(offer.sdp))).build()));
    }

    private void agentConnected() {
        if (!connected.compareAndSet(false, true)) {
            return; // connected again after a lapse: it is already speaking to the caller
        }
        pacer.add(endpoint.mouth());
        takeOverIfAnAgentIsIn();
    }

    /** Under the session's lock, as the crash and the next agent's join decide on the same state. */
    private synchronized void takeOverIfAnAgentIsIn() {
        if (agent.get().isPresent()) {
            takeOver(); // else it crashed while the connection was made: the agent that joins next takes over
        }
    }

    /** The agent in the room now speaks to the caller: it listens, and greets where the voice says so. */
    private void takeOver() {
        turns.connected(AgentStates.of(voice, toClient, agent.get(), agentTrackSid, timer));
        if (voice.greets()) {
            speak(voice.greeting());
        }
    }

    @Override
    public String room() {
        return turns.room();
    }

    @Override
    public synchronized void agentLeft() {
        if (!closed) {
            turns.agentLeft(() -> endpoint.mouth().dropAll(new IllegalStateException("the agent crashed")));
        }
    }

    /** A new agent on the same track: LiveKit would add its track to the caller's subscriber connection. */
    @Override
    public synchronized void agentJoined() {
        if (connected.get() && !closed && turns.agentGone() && agent.get().isPresent()) {
            takeOver();
        }
    }

    /** The reply is queued at once, to start when the drawn delay has passed on the audio clock (its next 10 ms frame). */
    private void callerSpeechEnded(VoiceActivity.Ended ended) {
        if (voice.replies() && !closed) {
            turns.callerTurnEnded(ended, notBeforeNanos -> endpoint.mouth().sayAt(voice.reply(), notBeforeNanos));
        }
    }

    private void speak(SpeechClip clip) {
        turns.greet(() -> endpoint.mouth().say(clip));
    }

    /** What one of the agent's two connections reports: loopback candidates trickled to the client, its state, the caller's audio. */
    private ConnectionEvents events(LivekitRtc.SignalTarget target) {
        return new ConnectionEvents(target, LoopbackCandidates::advertised,
                trickle -> toClient.accept(LivekitRtc.SignalResponse.newBuilder().setTrickle(trickle).build()),
                state -> {
                    if (state == RTCPeerConnectionState.CONNECTED && target == LivekitRtc.SignalTarget.SUBSCRIBER) {
                        agentConnected();
                    }
                },
                audio -> {
                    if (target == LivekitRtc.SignalTarget.PUBLISHER) {
                        callerAudioArrived(audio);
                    }
                });
    }

    private void callerAudioArrived(AudioTrack audio) {
        if (callerTrack == null) {
            callerTrack = audio;
            ear = new Ear();
            audio.addSink(ear);
        }
    }

    /** The agent listening to the caller: an energy VAD with the agent's endpointing silence. */
    private final class Ear implements AudioTrackSink {
        private final VoiceActivity activity = new VoiceActivity(voice.speechRms(), voice.endpointingMillis());

        @Override
        public void onData(byte[] data, int bitsPerSample, int sampleRate, int channels, int frames) {
            long frameNanos = frames * 1_000_000_000L / Math.max(1, sampleRate);
            VoiceActivity.Change change = activity.frame(Pcm.rms(data, frames * channels * 2), System.nanoTime(), frameNanos);
            if (change instanceof VoiceActivity.Started started && !closed) {
                turns.callerSpeechStarted(started.atNanos(), activity::lastLoudHeardNanos, endpoint.mouth()::cutShort);
            } else if (change instanceof VoiceActivity.Ended ended) {
                callerSpeechEnded(ended);
            }
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        waitingForAgent.cancel(false);
        pacer.remove(endpoint.mouth());
        if (callerTrack != null) {
            callerTrack.removeSink(ear);
        }
        endpoint.close();
    }

}
