package io.stella.harness.livekit.media;

import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCIceServer;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import dev.onvoid.webrtc.RTCSdpType;
import dev.onvoid.webrtc.RTCSessionDescription;
import dev.onvoid.webrtc.RTCStats;
import dev.onvoid.webrtc.RTCStatsType;
import dev.onvoid.webrtc.media.audio.AudioTrack;
import dev.onvoid.webrtc.media.audio.AudioTrackSink;
import livekit.LivekitModels;
import livekit.LivekitRtc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A caller's media on libwebrtc (webrtc-java): two peer connections as the official SDKs make them,
 * the caller's voice through a {@link Mouth}, the agent's voice heard as it is played out, 10 ms at a
 * time, through libwebrtc's jitter buffer: voice-to-voice as heard.
 */
final class LibwebrtcCallMedia implements CallMedia {

    private final Conversation conversation;
    private final Signals signals;
    private final WebRtcEngine engine;
    private final String trackId = "TR_caller_" + UUID.randomUUID().toString().substring(0, 8);
    private final CompletableFuture<Void> publisherUp = new CompletableFuture<>();
    private final CompletableFuture<Void> subscriberUp = new CompletableFuture<>();
    private final CompletableFuture<Long> firstAudioNanos = new CompletableFuture<>();
    private volatile WebRtcEndpoint endpoint;
    private volatile RTCPeerConnection publisher;
    private volatile RTCPeerConnection subscriber;
    private volatile IceCandidates publisherIce;
    private volatile IceCandidates subscriberIce;
    private volatile AudioTrack agentTrack;
    private volatile Ear ear;
    private volatile RTCPeerConnectionState subscriberState;

    LibwebrtcCallMedia(Conversation conversation, Signals signals, WebRtcEngine engine) {
        this.conversation = conversation;
        this.signals = signals;
        this.engine = engine;
    }

    @Override
    public void start(List<LivekitRtc.ICEServer> iceServers) {
        List<RTCIceServer> servers = rtcIceServers(iceServers);
        endpoint = engine.endpoint(trackId);
        publisher = endpoint.sendingConnection(events(LivekitRtc.SignalTarget.PUBLISHER), servers);
        subscriber = endpoint.receivingConnection(events(LivekitRtc.SignalTarget.SUBSCRIBER), servers);
        publisherIce = new IceCandidates(publisher);
        subscriberIce = new IceCandidates(subscriber);
        publisher.addTrack(endpoint.voiceTrack(), List.of(trackId));
        signals.send(LivekitRtc.SignalRequest.newBuilder().setAddTrack(LivekitRtc.AddTrackRequest.newBuilder().setCid(trackId)
                .setName("microphone").setType(LivekitModels.TrackType.AUDIO).setSource(LivekitModels.TrackSource.MICROPHONE)).build());
        Negotiation.offer(publisher).thenAccept(offer -> signals.send(LivekitRtc.SignalRequest.newBuilder()
                        .setOffer(Negotiation.toSignal(offer)).build()))
                .exceptionally(failure -> broken("the publisher offer failed: " + failure.getMessage()));
    }

    /** The STUN/TURN servers LiveKit hands out in the JoinResponse, as a browser would use them. */
    private static List<RTCIceServer> rtcIceServers(List<LivekitRtc.ICEServer> given) {
        List<RTCIceServer> servers = new ArrayList<>();
        for (LivekitRtc.ICEServer each : given) {
            RTCIceServer server = new RTCIceServer();
            server.urls = new ArrayList<>(each.getUrlsList());
            server.username = each.getUsername();
            server.password = each.getCredential();
            servers.add(server);
        }
        return servers;
    }

    @Override
    public String trackId() {
        return trackId;
    }

    @Override
    public void publisherAnswered(String answerSdp) {
        Negotiation.setRemote(publisher, new RTCSessionDescription(RTCSdpType.ANSWER, answerSdp))
                .thenRun(publisherIce::remoteDescriptionSet)
                .exceptionally(failure -> broken("the publisher answer was refused: " + failure.getMessage()));
    }

    @Override
    public void subscriberOffered(String offerSdp) {
        Negotiation.answer(subscriber, offerSdp)
                .thenAccept(answer -> {
                    subscriberIce.remoteDescriptionSet();
                    signals.send(LivekitRtc.SignalRequest.newBuilder().setAnswer(Negotiation.toSignal(answer)).build());
                })
                .exceptionally(failure -> broken("the subscriber offer could not be answered: " + failure.getMessage()));
    }

    @Override
    public void trickle(LivekitRtc.TrickleRequest trickle) {
        RTCIceCandidate candidate = IceCandidates.fromJson(trickle.getCandidateInit());
        (trickle.getTarget() == LivekitRtc.SignalTarget.PUBLISHER ? publisherIce : subscriberIce).add(candidate);
    }

    @Override
    public CompletableFuture<Void> publisherUp() {
        return publisherUp;
    }

    @Override
    public CompletableFuture<Long> firstAudioNanos() {
        return firstAudioNanos;
    }

    @Override
    public void startSpeaking() {
        engine.pacer().add(endpoint.mouth());
    }

    @Override
    public CompletableFuture<Mouth.Spoken> say(SpeechClip clip) {
        return endpoint.mouth().say(clip);
    }

    @Override
    public boolean agentSpeaking() {
        Ear listening = ear;
        return listening != null && listening.speaking();
    }

    @Override
    public long agentResumedNanos() {
        Ear listening = ear;
        return listening == null ? 0 : listening.activity.resumedNanos();
    }

    @Override
    public String subscriberProgress() {
        return agentTrack == null ? "the subscriber connection is " + subscriberState + ", no track in it"
                : "the agent's track came, no audio on it";
    }

    private Void broken(String reason) {
        signals.broken(reason);
        return null;
    }

    /** What one of the call's two connections reports: candidates trickled to the server, its state, the agent's audio. */
    private ConnectionEvents events(LivekitRtc.SignalTarget target) {
        return new ConnectionEvents(target, trickle -> signals.send(LivekitRtc.SignalRequest.newBuilder().setTrickle(trickle).build()),
                state -> connectionChanged(target, state), this::agentAudioArrived);
    }

    private void connectionChanged(LivekitRtc.SignalTarget target, RTCPeerConnectionState state) {
        if (target == LivekitRtc.SignalTarget.SUBSCRIBER) {
            subscriberState = state;
            if (state == RTCPeerConnectionState.CONNECTED) {
                subscriberUp.complete(null);
            }
        }
        if (state == RTCPeerConnectionState.CONNECTED && target == LivekitRtc.SignalTarget.PUBLISHER) {
            publisherUp.complete(null);
        } else if (state == RTCPeerConnectionState.FAILED) {
            broken("the " + target.name().toLowerCase() + " connection failed (ICE/DTLS)");
        }
    }

    private void agentAudioArrived(AudioTrack audioTrack) {
        if (agentTrack == null) {
            agentTrack = audioTrack;
            ear = new Ear();
            audioTrack.addSink(ear);
        }
    }

    /** The agent's audio as it is played out, 10 ms at a time, on libwebrtc's playout thread. */
    private final class Ear implements AudioTrackSink {
        private final VoiceActivity activity = new VoiceActivity(conversation.speechRms(), conversation.replyEndSilenceMillis());
        private volatile boolean speaking;
        private long firstNanos;
        private long audioNanos;
        private volatile double playoutPercent;

        boolean speaking() {
            return speaking;
        }

        /** Audio delivered per second of wall time since the first frame, in percent of real time. */
        double playoutPercent() {
            return playoutPercent;
        }

        @Override
        public void onData(byte[] data, int bitsPerSample, int sampleRate, int channels, int frames) {
            long now = System.nanoTime();
            if (subscriberUp.isDone()) {
                // The playout pulls every receive stream from its start, silence before any packet came;
                // media is up once the agent's connection is and its audio is being played.
                firstAudioNanos.complete(now);
            }
            long frameNanos = frames * 1_000_000_000L / Math.max(1, sampleRate);
            if (firstNanos == 0) {
                firstNanos = now;
            } else {
                audioNanos += frameNanos;
                playoutPercent = 100.0 * audioNanos / (now - firstNanos);
            }
            VoiceActivity.Change change = activity.frame(Pcm.rms(data, frames * channels * 2), now, frameNanos);
            speaking = activity.speaking();
            if (change != null) {
                signals.heard(change);
            }
        }
    }

    @Override
    public CallReport.AudioStats audioStats() {
        if (subscriber == null) {
            return CallReport.AudioStats.NONE;
        }
        CompletableFuture<CallReport.AudioStats> stats = new CompletableFuture<>();
        subscriber.getStats(report -> {
            CallReport.AudioStats found = CallReport.AudioStats.NONE;
            for (RTCStats entry : report.getStats().values()) {
                Map<String, Object> values = entry.getAttributes();
                if (entry.getType() == RTCStatsType.INBOUND_RTP && "audio".equals(String.valueOf(values.get("kind")))) {
                    // Comfort noise in a DTX sender's silence is "silent" concealment, not audio lost: counted apart.
                    long concealed = number(values, "concealedSamples") - number(values, "silentConcealedSamples");
                    found = new CallReport.AudioStats(number(values, "packetsReceived"), number(values, "packetsLost"),
                            decimal(values, "jitter") * 1000, Math.max(0, concealed),
                            number(values, "totalSamplesReceived"), ear == null ? 0 : ear.playoutPercent(), 0, 0);
                }
            }
            stats.complete(found);
        });
        try {
            return stats.get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            return CallReport.AudioStats.NONE;
        }
    }

    private static long number(Map<String, Object> values, String name) {
        return values.get(name) instanceof Number number ? number.longValue() : 0;
    }

    private static double decimal(Map<String, Object> values, String name) {
        return values.get(name) instanceof Number number ? number.doubleValue() : 0;
    }

    @Override
    public void close() {
        if (endpoint != null) {
            engine.pacer().remove(endpoint.mouth());
        }
        if (agentTrack != null && ear != null) {
            agentTrack.removeSink(ear);
        }
        if (endpoint != null) {
            endpoint.close();
        }
    }
}
