package io.stella.harness.livekit.media;

import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.media.audio.HeadlessAudioDeviceModule;

/**
 * The WebRTC engine one process shares among all its participants, in two halves because of how
 * webrtc-java 0.14's headless audio device works. Its "microphone" thread pulls the received audio
 * mix and pushes it into every sending stream of its factory (an echo), and doing so while our own
 * frames go in aborts libwebrtc (a race check in audio_send_stream.cc). So the sending half's
 * device is cut off from WebRTC (its callback replaced by a sink that drops what it gets), and the
 * participants' {@link Mouth}s are the only thing feeding their tracks; the receiving half has no
 * sending stream, so its device only plays out, one thread pulling every received stream 10 ms at a
 * time, and that playout is what delivers each remote track's audio to its sinks. One engine per
 * process: a native fault ends every call in it, so the harness keeps its engines in worker processes.
 */
public final class WebRtcEngine implements CallMedia.Engine {

    private final HeadlessAudioDeviceModule sendingDevice = new HeadlessAudioDeviceModule();
    private final PeerConnectionFactory sending = new PeerConnectionFactory(sendingDevice);
    private final HeadlessAudioDeviceModule receivingDevice = new HeadlessAudioDeviceModule();
    private final PeerConnectionFactory receiving = new PeerConnectionFactory(receivingDevice);
    private final AudioPacer pacer;
    private boolean closed;

    /** @param name names the engine's audio clock thread */
    public WebRtcEngine(String name) {
        pacer = new AudioPacer(name + "-audio");
        // After the factory registered WebRTC's own callback on the device: this replaces it.
        sendingDevice.setAudioSink((data, samples, bytesPerSample, channels, sampleRate, delayMillis, drift) -> {
        });
    }

    /** A new participant's media: its voice track, its mouth, its connections. */
    public WebRtcEndpoint endpoint(String trackId) {
        return new WebRtcEndpoint(sending, receiving, trackId);
    }

    @Override
    public CallMedia newCall(Conversation conversation, CallMedia.Signals signals) {
        return new LibwebrtcCallMedia(conversation, signals, this);
    }

    /** The clock every participant's mouth speaks to. */
    @Override
    public AudioPacer pacer() {
        return pacer;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        pacer.close();
        sending.dispose();
        receiving.dispose();
        sendingDevice.dispose();
        receivingDevice.dispose();
    }
}
