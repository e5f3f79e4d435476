package io.stella.harness.livekit.media;

import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.PeerConnectionObserver;
import dev.onvoid.webrtc.PortAllocatorConfig;
import dev.onvoid.webrtc.RTCConfiguration;
import dev.onvoid.webrtc.RTCIceServer;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.media.audio.AudioTrack;
import dev.onvoid.webrtc.media.audio.CustomAudioSource;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** One participant's media on a shared {@link WebRtcEngine}: its voice track fed by a {@link Mouth}, and its connections. */
public final class WebRtcEndpoint implements AutoCloseable {

    private final PeerConnectionFactory sending;
    private final PeerConnectionFactory receiving;
    private final CustomAudioSource source = new CustomAudioSource();
    private final AudioTrack voiceTrack;
    private final Mouth mouth = new Mouth(source);
    private final List<RTCPeerConnection> connections = new CopyOnWriteArrayList<>();
    private boolean closed;

    WebRtcEndpoint(PeerConnectionFactory sending, PeerConnectionFactory receiving, String trackId) {
        this.sending = sending;
        this.receiving = receiving;
        this.voiceTrack = sending.createAudioTrack(trackId, source);
    }

    /** The connection that carries our voice out, through the ICE servers given (STUN/TURN; none on loopback). */
    public RTCPeerConnection sendingConnection(PeerConnectionObserver observer, List<RTCIceServer> iceServers) {
        return connection(sending, observer, iceServers);
    }

    /** The connection that brings the other side's voice in. */
    public RTCPeerConnection receivingConnection(PeerConnectionObserver observer, List<RTCIceServer> iceServers) {
        return connection(receiving, observer, iceServers);
    }

    /**
     * Bound to the wildcard address, UDP only: the operating system picks the source address per
     * destination, so a loopback target is reached from 127.0.0.1 and nothing else is addressed.
     */
    private RTCPeerConnection connection(PeerConnectionFactory factory, PeerConnectionObserver observer,
                                         List<RTCIceServer> iceServers) {
        RTCConfiguration configuration = new RTCConfiguration();
        configuration.iceServers = new java.util.ArrayList<>(iceServers);
        configuration.portAllocatorConfig = new PortAllocatorConfig(0, 0, PortAllocatorConfig.PORTALLOCATOR_DISABLE_TCP
                | PortAllocatorConfig.PORTALLOCATOR_DISABLE_ADAPTER_ENUMERATION
                | PortAllocatorConfig.PORTALLOCATOR_ENABLE_ANY_ADDRESS_PORTS);
        RTCPeerConnection connection = factory.createPeerConnection(configuration, observer);
        connections.add(connection);
        return connection;
    }

    public AudioTrack voiceTrack() {
        return voiceTrack;
    }

    public Mouth mouth() {
        return mouth;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        connections.forEach(RTCPeerConnection::close);
        // A closed connection's sender still holds the track: webrtc-java then refuses to dispose it
        // (an Error, not a crash), and the factory frees it with the connection.
        for (Runnable release : List.<Runnable>of(voiceTrack::dispose, source::dispose)) {
            try {
                release.run();
            } catch (Error | RuntimeException e) {
                // released with its factory
            }
        }
    }
}
