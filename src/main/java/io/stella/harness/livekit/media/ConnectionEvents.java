package io.stella.harness.livekit.media;

import dev.onvoid.webrtc.PeerConnectionObserver;
import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import dev.onvoid.webrtc.RTCRtpTransceiver;
import dev.onvoid.webrtc.media.MediaStreamTrack;
import dev.onvoid.webrtc.media.audio.AudioTrack;
import livekit.LivekitRtc;

import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What one of LiveKit's two connections (publisher or subscriber) reports, for either end of a call:
 * each local ICE candidate as the trickle message that carries it (signed for that connection), each
 * change of state, and the first audio track that arrives on it. Each end says what to do with them.
 */
public final class ConnectionEvents implements PeerConnectionObserver {

    private final LivekitRtc.SignalTarget target;
    private final Function<RTCIceCandidate, Optional<RTCIceCandidate>> advertised;
    private final Consumer<LivekitRtc.TrickleRequest> candidates;
    private final Consumer<RTCPeerConnectionState> states;
    private final Consumer<AudioTrack> audio;
    private boolean audioArrived;

    /**
     * @param candidates where this connection's trickle messages go (to the server, or to the client)
     * @param states     each state the connection goes through
     * @param audio      the first audio track the connection receives
     */
    public ConnectionEvents(LivekitRtc.SignalTarget target, Consumer<LivekitRtc.TrickleRequest> candidates,
                            Consumer<RTCPeerConnectionState> states, Consumer<AudioTrack> audio) {
        this(target, Optional::of, candidates, states, audio);
    }

    /** As the other constructor, each candidate first turned into the one advertised, or none. */
    public ConnectionEvents(LivekitRtc.SignalTarget target, Function<RTCIceCandidate, Optional<RTCIceCandidate>> advertised,
                            Consumer<LivekitRtc.TrickleRequest> candidates, Consumer<RTCPeerConnectionState> states,
                            Consumer<AudioTrack> audio) {
        this.target = target;
        this.advertised = advertised;
        this.candidates = candidates;
        this.states = states;
        this.audio = audio;
    }

    @Override
    public void onIceCandidate(RTCIceCandidate candidate) {
        advertised.apply(candidate).ifPresent(shown -> candidates.accept(LivekitRtc.TrickleRequest.newBuilder()
                .setCandidateInit(IceCandidates.toJson(shown)).setTarget(target).build()));
    }

    @Override
    public void onConnectionChange(RTCPeerConnectionState state) {
        states.accept(state);
    }

    @Override
    public synchronized void onTrack(RTCRtpTransceiver transceiver) {
        MediaStreamTrack track = transceiver.getReceiver().getTrack();
        if (track instanceof AudioTrack audioTrack && !audioArrived) {
            audioArrived = true;
            audio.accept(audioTrack);
        }
    }
}
