package io.stella.harness.reference.livekit.media;

import io.stella.harness.livekit.media.CallReport;
import io.stella.harness.livekit.media.IceCandidates;
import io.stella.harness.livekit.media.VoiceActivity;
import io.stella.harness.livekit.packet.LocalDescriptions;
import io.stella.harness.livekit.packet.PacketConnection;
import io.stella.harness.livekit.packet.PacketEar;
import io.stella.harness.livekit.packet.PacketEngine;
import io.stella.harness.livekit.packet.PacketMouth;
import io.stella.harness.livekit.packet.RemoteDescription;
import livekit.LivekitModels;
import livekit.LivekitRtc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The stand-in agent's side of one caller's media on the packet engine: it answers the caller's
 * publisher offer and hears the caller's voice packet by packet (its audio level, else decoded);
 * once the agent is in the room it offers the subscriber connection and speaks pre-encoded Opus.
 * Same behaviour as {@link AgentMediaSession}, at a fraction of the cost per call; and it stamps
 * each turn's legs and what the caller's voice lost into {@link AgentStamps}.
 */
final class PacketAgentSession implements AgentSession {

    private static final Logger LOG = LoggerFactory.getLogger(PacketAgentSession.class);
    private static final long AGENT_POLL_MILLIS = 10;

    private final AgentTurns turns;
    private final Consumer<LivekitRtc.SignalResponse> toClient;
    private final Supplier<Optional<LivekitModels.ParticipantInfo>> agent;
    private final AgentVoice voice;
    private final PacketEngine engine;
    private final ScheduledExecutorService timer;
    private final String agentTrackSid = AgentTracks.newAgentTrackSid();
    private final PacketConnection fromCaller;
    private final PacketEar ear;
    private String callerUfrag;
    private PacketConnection toCaller;
    private volatile PacketMouth mouth;
    private final ScheduledFuture<?> waitingForAgent;
    private volatile boolean closed;
    private boolean connected; // guarded by this

    PacketAgentSession(AgentTurns turns, Consumer<LivekitRtc.SignalResponse> toClient,
                       Supplier<Optional<LivekitModels.ParticipantInfo>> agent, AgentVoice voice, PacketEngine engine,
                       ScheduledExecutorService timer) throws IOException {
        this.turns = turns;
        this.toClient = toClient;
        this.agent = agent;
        this.voice = voice;
        this.engine = engine;
        this.timer = timer;
        this.fromCaller = new PacketConnection(engine.identity(), false, engine.handshakes());
        this.ear = new PacketEar(voice.speechRms(), voice.endpointingMillis(), this::heard);
        fromCaller.onRtp(ear::received);
        engine.pacer().add(ear);
        waitingForAgent = timer.scheduleWithFixedDelay(this::offerOnceTheAgentIsIn, AGENT_POLL_MILLIS, AGENT_POLL_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void handle(LivekitRtc.SignalRequest request) {
        if (closed) {
            return;
        }
        try {
            switch (request.getMessageCase()) {
                case ADD_TRACK -> toClient.accept(AgentTracks.published(request.getAddTrack()));
                case OFFER -> answer(request.getOffer());
                case ANSWER -> {
                    if (toCaller != null) {
                        RemoteDescription answer = RemoteDescription.parse(request.getAnswer().getSdp());
                        toCaller.start(answer, answer.setup().equals("passive"), 0);
                    }
                }
                case TRICKLE -> trickle(request.getTrickle());
                default -> {
                }
            }
        } catch (IllegalArgumentException e) {
            LOG.warn("a caller's {} was refused: {}", request.getMessageCase(), e.getMessage());
        }
    }

    /** Answers the caller's publisher offer: the first, and each renegotiation on the same connection. */
    private void answer(LivekitRtc.SessionDescription offerSignal) {
        RemoteDescription offer = RemoteDescription.parse(offerSignal.getSdp());
        String answer = LocalDescriptions.receivingAnswer(offer, fromCaller.local());
        toClient.accept(LivekitRtc.SignalResponse.newBuilder().setAnswer(LivekitRtc.SessionDescription.newBuilder()
                .setType("answer").setSdp(answer).setId(offerSignal.getId())).build());
        if (callerUfrag == null) {
            callerUfrag = offer.iceUfrag();
            int audioLevelId = offer.opusAudio().map(RemoteDescription.Section::audioLevelId).orElse(0);
            fromCaller.start(offer, !offer.setup().equals("active"), audioLevelId);
        }
    }

    private void trickle(LivekitRtc.TrickleRequest trickle) {
        String candidate = IceCandidates.fromJson(trickle.getCandidateInit()).sdp;
        if (trickle.getTarget() == LivekitRtc.SignalTarget.PUBLISHER) {
            fromCaller.addRemoteCandidate(candidate);
        } else if (toCaller != null) {
            toCaller.addRemoteCandidate(candidate);
        }
    }

    private synchronized void offerOnceTheAgentIsIn() {
        Optional<LivekitModels.ParticipantInfo> inRoom = agent.get();
        if (closed || inRoom.isEmpty() || toCaller != null) {
            return;
        }
        waitingForAgent.cancel(false);
        try {
            toCaller = new PacketConnection(engine.identity(), true, engine.handshakes());
        } catch (IOException e) {
            LOG.warn("the agent's connection to a caller could not be made: {}", e.getMessage());
            return;
        }
        // DTX, as LiveKit Agents publish (the SDK's default; the SFU answers usedtx=1): silence costs next to nothing.
        mouth = new PacketMouth(toCaller, engine.silence(), PacketMouth.Silence.DTX, LocalDescriptions.OPUS_PAYLOAD_TYPE,
                LocalDescriptions.AUDIO_LEVEL_ID);
        toClient.accept(AgentTracks.agentPublished(inRoom.get(), agentTrackSid));
        String offer = LocalDescriptions.publishingOffer(toCaller.local(), AgentTracks.streamId(inRoom.get(), agentTrackSid),
                agentTrackSid, mouth.ssrc());
        toClient.accept(LivekitRtc.SignalResponse.newBuilder().setOffer(LivekitRtc.SessionDescription.newBuilder()
                .setType("offer").setSdp(offer)).build());
        toCaller.up().thenRun(this::agentConnected).exceptionally(failure -> {
            LOG.warn("the agent's connection to a caller failed: {}", failure.getMessage());
            return null;
        });
    }

    private synchronized void agentConnected() {
        if (closed) {
            return;
        }
        engine.pacer().add(mouth);
        connected = true;
        if (agent.get().isPresent()) {
            takeOver(); // else it crashed while the connection was made: the agent that joins next takes over
        }
    }

    /** The agent in the room now speaks to the caller: it listens, and greets where the voice says so. */
    private void takeOver() {
        turns.connected(AgentStates.of(voice, toClient, agent.get(), agentTrackSid, timer));
        if (voice.greets()) {
            turns.greet(() -> mouth.say(engine.opus(voice.greeting())));
        }
    }

    @Override
    public String room() {
        return turns.room();
    }

    @Override
    public synchronized void agentLeft() {
        if (!closed) {
            PacketMouth speaker = mouth;
            turns.agentLeft(() -> {
                if (speaker != null) {
                    speaker.dropAll(new IllegalStateException("the agent crashed"));
                }
            });
        }
    }

    /** A new agent on the same downlink: LiveKit would add its track to the caller's subscriber connection. */
    @Override
    public synchronized void agentJoined() {
        if (connected && !closed && turns.agentGone() && agent.get().isPresent()) {
            takeOver();
        }
    }

    /** The caller's turn ended: the reply is queued at once, to start when the drawn delay has passed on the send clock. */
    private void heard(VoiceActivity.Change change) { // the reader's or the clock's thread: no session lock, which close() holds
        PacketMouth speaker = mouth;
        if (change instanceof VoiceActivity.Started started && !closed && speaker != null) {
            turns.callerSpeechStarted(started.atNanos(), ear::lastLoudHeardNanos, speaker::cutShort);
        }
        if (change instanceof VoiceActivity.Ended ended && voice.replies() && !closed && speaker != null) {
            turns.callerTurnEnded(ended, notBeforeNanos -> speaker.sayAt(engine.opus(voice.reply()), notBeforeNanos));
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        waitingForAgent.cancel(false);
        engine.pacer().remove(ear);
        CallReport.AudioStats heard = fromCaller.receivedAudio();
        turns.callHeard(heard.packetsReceived(), heard.packetsLost());
        if (mouth != null) {
            engine.pacer().remove(mouth);
        }
        fromCaller.close();
        if (toCaller != null) {
            toCaller.close();
        }
    }
}
