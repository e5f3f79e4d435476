package io.stella.harness.livekit.media;

import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.PeerConnectionObserver;
import dev.onvoid.webrtc.PortAllocatorConfig;
import dev.onvoid.webrtc.RTCConfiguration;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.media.audio.AudioTrack;
import dev.onvoid.webrtc.media.audio.CustomAudioSource;
import dev.onvoid.webrtc.media.audio.HeadlessAudioDeviceModule;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One participant's WebRTC engine, in two halves because of how webrtc-java 0.14's headless audio
 * device works. Its "microphone" thread pulls the received audio mix and pushes it into every
 * sending stream of its factory (an echo), and doing so while our own frames go in aborts libwebrtc
 * (a race check in audio_send_stream.cc). So the sending half's device is cut off from WebRTC (its
 * callback replaced by a sink that drops what it gets) and our {@link Mouth} is the only thing that
 * feeds the voice track; the receiving half has no sending stream, so its device only plays out,
 * and that playout is what delivers the remote track's audio to our sinks.
 */
public final class WebRtcEndpoint implements AutoCloseable {

    private final HeadlessAudioDeviceModule sendingDevice = new HeadlessAudioDeviceModule();
    private final PeerConnectionFactory sendingFactory = new PeerConnectionFactory(sendingDevice);
    private final HeadlessAudioDeviceModule receivingDevice = new HeadlessAudioDeviceModule();
    private final PeerConnectionFactory receivingFactory = new PeerConnectionFactory(receivingDevice);
    private final CustomAudioSource source = new CustomAudioSource();
    private final AudioTrack voiceTrack;
    private final Mouth mouth = new Mouth(source);
    private final List<RTCPeerConnection> connections = new CopyOnWriteArrayList<>();
    private boolean closed;

    public WebRtcEndpoint(String trackId) {
        // After the factory registered WebRTC's own callback on the device: this replaces it.
        sendingDevice.setAudioSink((data, samples, bytesPerSample, channels, sampleRate, delayMillis, drift) -> {
        });
        voiceTrack = sendingFactory.createAudioTrack(trackId, source);
    }

    /** The connection that carries our voice out. */
    public RTCPeerConnection sendingConnection(PeerConnectionObserver observer) {
        return connection(sendingFactory, observer);
    }

    /** The connection that brings the other side's voice in. */
    public RTCPeerConnection receivingConnection(PeerConnectionObserver observer) {
        return connection(receivingFactory, observer);
    }

    /**
     * Bound to the wildcard address, UDP only: the operating system picks the source address per
     * destination, so a loopback target is reached from 127.0.0.1 and nothing else is addressed.
     */
    private RTCPeerConnection connection(PeerConnectionFactory factory, PeerConnectionObserver observer) {
        RTCConfiguration configuration = new RTCConfiguration();
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
        // A closed connection's sender still holds the track; webrtc-java refuses to dispose it then
        // (an Error, not a crash), and the factory frees it with the connection.
        for (Runnable release : List.<Runnable>of(voiceTrack::dispose, source::dispose, sendingFactory::dispose,
                receivingFactory::dispose, sendingDevice::dispose, receivingDevice::dispose)) {
            try {
                release.run();
            } catch (Error | RuntimeException e) {
                // released with its factory
            }
        }
    }
}
