package io.stella.harness.livekit.packet;

import io.stella.harness.livekit.media.CallMedia;
import io.stella.harness.livekit.media.CallReport;
import io.stella.harness.livekit.media.Conversation;
import io.stella.harness.livekit.media.IceCandidates;
import io.stella.harness.livekit.media.Mouth;
import io.stella.harness.livekit.media.SpeechClip;
import livekit.LivekitModels;
import livekit.LivekitRtc;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * A caller's media on the packet engine: the publisher connection offered by us (ICE controlling;
 * the DTLS role the answer leaves us), the caller's voice as pre-encoded Opus with its audio level;
 * the subscriber connection answered (DTLS client), the agent's voice timed as its packets arrive.
 * Candidates trickled for the subscriber before its offer came wait for it. The conversation's
 * network impairment applies to the caller's voice on its way out and the agent's on its way in.
 */
final class PacketCallMedia implements CallMedia {

    private final Conversation conversation;
    private final Signals signals;
    private final PacketEngine engine;
    private final String trackId = "TR_packet_" + UUID.randomUUID().toString().substring(0, 8);
    private final CompletableFuture<Long> firstAudioNanos = new CompletableFuture<>();
    private final ReceiveStats received = new ReceiveStats();
    private final List<String> earlySubscriberCandidates = new ArrayList<>();
    private final PacketEar ear;
    private PacketConnection publisher;
    private PacketConnection subscriber;
    private PacketMouth mouth;
    private String subscriberRemoteUfrag;
    private volatile String subscriberState = "not offered";
    private boolean closed;

    PacketCallMedia(Conversation conversation, Signals signals, PacketEngine engine) {
        this.conversation = conversation;
        this.signals = signals;
        this.engine = engine;
        this.ear = new PacketEar(conversation.speechRms(), conversation.replyEndSilenceMillis(), signals::heard);
        engine.pacer().add(ear);
    }

    @Override
    public synchronized void start(List<LivekitRtc.ICEServer> iceServers) {
        conversation.prompts().forEach(engine::opus); // encoded now, not when the first turn is due
        try {
            publisher = new PacketConnection(engine.identity(), true, engine.handshakes());
        } catch (IOException | RuntimeException e) {
            signals.broken("the publisher connection could not be made: " + e.getMessage());
            return;
        }
        publisher.impair(engine.path(conversation.network(), 0), null);
        mouth = new PacketMouth(publisher, engine.silence(), PacketMouth.Silence.DTX, LocalDescriptions.OPUS_PAYLOAD_TYPE,
                LocalDescriptions.AUDIO_LEVEL_ID);
        signals.send(LivekitRtc.SignalRequest.newBuilder().setAddTrack(LivekitRtc.AddTrackRequest.newBuilder().setCid(trackId)
                .setName("microphone").setType(LivekitModels.TrackType.AUDIO).setSource(LivekitModels.TrackSource.MICROPHONE)).build());
        String offer = LocalDescriptions.publishingOffer(publisher.local(), "stella-" + trackId, trackId, mouth.ssrc());
        signals.send(LivekitRtc.SignalRequest.newBuilder().setOffer(LivekitRtc.SessionDescription.newBuilder().setType("offer")
                .setSdp(offer)).build());
        publisher.up().exceptionally(failure -> broken("the publisher connection failed: " + rootMessage(failure)));
    }

    @Override
    public String trackId() {
        return trackId;
    }

    @Override
    public synchronized void publisherAnswered(String answerSdp) {
        if (publisher == null) {
            return;
        }
        try {
            RemoteDescription answer = RemoteDescription.parse(answerSdp);
            // The answerer took "active" (the DTLS client) unless it said "passive".
            publisher.start(answer, answer.setup().equals("passive"), 0);
        } catch (IllegalArgumentException e) {
            broken("the publisher answer was refused: " + e.getMessage());
        }
    }

    @Override
    public synchronized void subscriberOffered(String offerSdp) {
        RemoteDescription offer;
        try {
            offer = RemoteDescription.parse(offerSdp);
        } catch (IllegalArgumentException e) {
            broken("the subscriber offer could not be answered: " + e.getMessage());
            return;
        }
        if (closed) {
            return;
        }
        boolean renegotiation = subscriber != null && offer.iceUfrag().equals(subscriberRemoteUfrag);
        if (!renegotiation && !openSubscriber()) {
            return;
        }
        String answer = LocalDescriptions.receivingAnswer(offer, subscriber.local());
        signals.send(LivekitRtc.SignalRequest.newBuilder().setAnswer(LivekitRtc.SessionDescription.newBuilder().setType("answer")
                .setSdp(answer)).build());
        int audioLevelId = offer.opusAudio().map(RemoteDescription.Section::audioLevelId).orElse(0);
        if (!renegotiation) {
            subscriberRemoteUfrag = offer.iceUfrag();
            subscriber.start(offer, !offer.setup().equals("active"), audioLevelId);
            earlySubscriberCandidates.forEach(subscriber::addRemoteCandidate);
            earlySubscriberCandidates.clear();
            subscriberState = "connecting";
            subscriber.up().thenRun(() -> subscriberState = "connected")
                    .exceptionally(failure -> broken("the subscriber connection failed: " + rootMessage(failure)));
        }
    }

    private boolean openSubscriber() {
        if (subscriber != null) {
            subscriber.close(); // an ICE restart: a new connection
        }
        try {
            subscriber = new PacketConnection(engine.identity(), false, engine.handshakes());
        } catch (IOException | RuntimeException e) {
            broken("the subscriber connection could not be made: " + e.getMessage());
            return false;
        }
        subscriber.impair(null, engine.path(conversation.network(), 1));
        subscriber.onRtp((packet, data, arrivedNanos) -> {
            firstAudioNanos.complete(arrivedNanos);
            received.packet(packet.sequence(), packet.timestamp(), arrivedNanos);
            ear.received(packet, data, arrivedNanos);
        });
        return true;
    }

    @Override
    public synchronized void trickle(LivekitRtc.TrickleRequest trickle) {
        String candidate = IceCandidates.fromJson(trickle.getCandidateInit()).sdp;
        if (trickle.getTarget() == LivekitRtc.SignalTarget.PUBLISHER) {
            if (publisher != null) {
                publisher.addRemoteCandidate(candidate);
            }
        } else if (subscriber != null) {
            subscriber.addRemoteCandidate(candidate);
        } else {
            earlySubscriberCandidates.add(candidate);
        }
    }

    @Override
    public CompletableFuture<Void> publisherUp() {
        PacketConnection connection;
        synchronized (this) {
            connection = publisher;
        }
        return connection == null ? CompletableFuture.failedFuture(new IOException("no publisher connection")) : connection.up();
    }

    @Override
    public CompletableFuture<Long> firstAudioNanos() {
        return firstAudioNanos;
    }

    @Override
    public synchronized void startSpeaking() {
        engine.pacer().add(mouth);
    }

    @Override
    public CompletableFuture<Mouth.Spoken> say(SpeechClip clip) {
        return mouth.say(engine.opus(clip));
    }

    @Override
    public boolean agentSpeaking() {
        return ear.speaking();
    }

    @Override
    public long agentResumedNanos() {
        return ear.resumedNanos();
    }

    @Override
    public String subscriberProgress() {
        return "the subscriber connection is " + subscriberState + (firstAudioNanos.isDone() ? "" : ", no audio packet in it");
    }

    @Override
    public synchronized CallReport.SentAudio sentAudio() {
        return publisher == null ? CallReport.SentAudio.NONE : publisher.sentAudio();
    }

    @Override
    public synchronized CallReport.AudioStats audioStats() {
        return received.snapshot(subscriber == null ? 0 : subscriber.decryptFailures(),
                subscriber == null ? 0 : subscriber.droppedOnTheWayIn());
    }

    private Void broken(String reason) {
        signals.broken(reason);
        return null;
    }

    private static String rootMessage(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getMessage() != null && cause.getMessage().startsWith("java.")) {
            cause = cause.getCause();
        }
        return String.valueOf(cause.getMessage());
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        engine.pacer().remove(ear);
        if (mouth != null) {
            engine.pacer().remove(mouth);
        }
        if (publisher != null) {
            publisher.close();
        }
        if (subscriber != null) {
            subscriber.close();
        }
    }
}
