package io.stella.harness.livekit.media;

import livekit.LivekitRtc;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One caller's media in a LiveKit room, on one engine (libwebrtc, or the packet engine): the
 * publisher connection carrying the caller's voice, the subscriber connection bringing the agent's,
 * negotiated through the signaling that {@link MediaCall} runs. Everything it hears of the agent's
 * voice goes to {@link Signals#heard}.
 */
public interface CallMedia extends AutoCloseable {

    /** What the media side needs from the call's signaling. */
    interface Signals {
        void send(LivekitRtc.SignalRequest request);

        /** The call cannot go on (a connection failed, a description was refused). */
        void broken(String reason);

        /** A start or end of the agent's speech, as this engine hears it. */
        void heard(VoiceActivity.Change change);
    }

    /** Makes the connections and publishes the caller's voice: the AddTrackRequest and the publisher offer go out. */
    void start(List<LivekitRtc.ICEServer> iceServers);

    /** The local track's id, the {@code cid} of its AddTrackRequest. */
    String trackId();

    void publisherAnswered(String answerSdp);

    /** The server offers (or re-offers) the subscriber connection; the answer goes out. */
    void subscriberOffered(String offerSdp);

    void trickle(LivekitRtc.TrickleRequest trickle);

    /** Completes once the caller's voice can flow. */
    CompletableFuture<Void> publisherUp();

    /** Completes, with the moment, once the agent's audio arrives. */
    CompletableFuture<Long> firstAudioNanos();

    /** The caller's voice goes on the engine's clock: silence until {@link #say}. */
    void startSpeaking();

    CompletableFuture<Mouth.Spoken> say(SpeechClip clip);

    /** Whether the agent is speaking now, as heard. */
    boolean agentSpeaking();

    /**
     * When the agent was last heard loud again after 100 ms or more of quiet, on {@code System.nanoTime}: the first loud
     * frame (packet) of what it says now, even where that ran on from what it said before; 0 before any.
     */
    long agentResumedNanos();

    /** How far the subscriber side got, for a call whose agent audio never came. */
    String subscriberProgress();

    /** The agent's audio as received so far. */
    CallReport.AudioStats audioStats();

    /** The caller's audio as sent and as the far end's RTCP reports said it arrived, so far. */
    default CallReport.SentAudio sentAudio() {
        return CallReport.SentAudio.NONE;
    }

    /** Hangs up the media; never throws. */
    @Override
    void close();

    /** Makes each call's media on one engine shared by a process's calls. */
    interface Engine extends AutoCloseable {
        CallMedia newCall(Conversation conversation, Signals signals);

        /** The engine's send clock, whose health says whether its figures can be trusted. */
        AudioPacer pacer();

        /** Makes {@code clip} ready to be spoken before any call needs it (the packet engine encodes it to Opus); by default nothing. */
        default void prepare(SpeechClip clip) {
        }

        @Override
        void close();
    }
}
