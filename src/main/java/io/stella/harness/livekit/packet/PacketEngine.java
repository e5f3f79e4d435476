package io.stella.harness.livekit.packet;

import io.stella.harness.livekit.media.AudioPacer;
import io.stella.harness.livekit.media.CallMedia;
import io.stella.harness.livekit.media.Conversation;
import io.stella.harness.livekit.media.SpeechClip;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The packet-level media engine one process shares among its calls: one DTLS certificate, one send
 * clock (each mouth sending on its own 20 ms schedule), the threads that run DTLS handshakes, and
 * every clip encoded to Opus once. No libwebrtc: ICE, DTLS, SRTP and RTP are driven packet by packet, and the agent's voice is
 * timed as it arrives on the wire.
 */
public final class PacketEngine implements CallMedia.Engine {

    private static final long WARM_UP_TIMEOUT_SEC = 30;

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
    public void prepare(SpeechClip clip) {
        opus(clip);
    }

    /**
     * Sets up one connection between two of the engine's own on loopback (ICE, DTLS, SRTP keys) and
     * closes it, so that the first real call does not pay for loading and first running all that. The
     * stand-in's agents paid 4.4 s for it on their first call, and the calls queued behind it read
     * that as their media set-up.
     */
    public void warmUp() throws IOException {
        try (PacketConnection offering = new PacketConnection(identity, true, handshakes);
             PacketConnection answering = new PacketConnection(identity, false, handshakes)) {
            RemoteDescription offer = RemoteDescription.parse(
                    LocalDescriptions.publishingOffer(offering.local(), "warm-up", "warm-up", 1));
            RemoteDescription answer = RemoteDescription.parse(LocalDescriptions.receivingAnswer(offer, answering.local()));
            answering.start(offer, !offer.setup().equals("active"), 0);
            offering.start(answer, answer.setup().equals("passive"), 0);
            CompletableFuture.allOf(offering.up(), answering.up()).get(WARM_UP_TIMEOUT_SEC, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("a loopback connection did not come up: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while warming up", e);
        }
    }

    @Override
    public void close() {
        pacer.close();
        network.shutdownNow();
        handshakes.shutdownNow();
    }
}
