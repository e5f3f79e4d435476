package io.stella.harness.livekit.packet;

import io.stella.harness.livekit.media.AudioPacer;
import io.stella.harness.livekit.media.CallMedia;
import io.stella.harness.livekit.media.Conversation;
import io.stella.harness.livekit.media.SpeechClip;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Executors;

/**
 * The packet-level media engine one process shares among its calls: one DTLS certificate, one send
 * clock (each mouth sending on its own 20 ms schedule), the threads that run DTLS handshakes, and
 * every clip encoded to Opus once. No libwebrtc: ICE, DTLS, SRTP and RTP are driven packet by packet, and the agent's voice is
 * timed as it arrives on the wire.
 */
public final class PacketEngine implements CallMedia.Engine {

    private final DtlsIdentity identity = DtlsIdentity.generate();
    private final AudioPacer pacer;
    private final ExecutorService handshakes = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "packet-dtls");
        thread.setDaemon(true);
        return thread;
    });
    private final OpusClip silence = OpusClip.silence();
    /** Delivers what an impaired network path holds back, for every connection of the engine. */
    private final ScheduledExecutorService network = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "packet-network");
        thread.setDaemon(true);
        thread.setPriority(Thread.MAX_PRIORITY);
        return thread;
    });
    private final Map<SpeechClip, OpusClip> encoded = new ConcurrentHashMap<>();

    /** @param name names the engine's send clock thread */
    public PacketEngine(String name) {
        SrtpSession.warmUp();
        pacer = new AudioPacer(name + "-rtp", PacketMouth.TICK_NANOS);
    }

    @Override
    public CallMedia newCall(Conversation conversation, CallMedia.Signals signals) {
        return new PacketCallMedia(conversation, signals, this);
    }

    @Override
    public AudioPacer pacer() {
        return pacer;
    }

    public DtlsIdentity identity() {
        return identity;
    }

    public ExecutorService handshakes() {
        return handshakes;
    }

    public OpusClip silence() {
        return silence;
    }

    /** One direction of a call under that impairment, or null for none; {@code direction} keeps a seeded call's two ways apart. */
    ImpairedPath path(Impairment impairment, int direction) {
        if (impairment == null || impairment.none()) {
            return null;
        }
        Long seed = impairment.seed() == null ? null : impairment.seed() * 31 + direction;
        return new ImpairedPath(impairment.seeded(seed), network);
    }

    /** The clip as Opus packets, encoded the first time it is asked for. */
    public OpusClip opus(SpeechClip clip) {
        return encoded.computeIfAbsent(clip, OpusClip::encode);
    }

    @Override
    public void close() {
        pacer.close();
        network.shutdownNow();
        handshakes.shutdownNow();
    }
}
