package io.stella.harness.livekit.packet;

import org.bouncycastle.tls.DTLSTransport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One WebRTC connection at packet level: ICE (ice4j), then DTLS (Bouncy Castle) in the role the
 * descriptions gave, then SRTP (jitsi-srtp) both ways. Packets on the path are told apart by their
 * first byte (RFC 7983): DTLS records go to the handshake, SRTP to the receiver, SRTCP to the
 * reports. {@link #up()} completes once media can flow. Once up, it sends an RTCP report every few
 * seconds ({@link RtcpClock}): a sender report while it sends RTP, else a receiver report, with a
 * report block on the stream it receives; the far end's blocks on our stream say how much of it
 * arrived ({@link #sentAudio()}).
 */
public final class PacketConnection implements AutoCloseable {

    /** Hears each decrypted RTP packet, on its socket's reader thread, with the moment it arrived. */
    public interface RtpListener {
        void received(Rtp.Received packet, byte[] data, long arrivedNanos);
    }

    private final IcePeer ice;
    private final DtlsIdentity identity;
    private final ExecutorService handshakes;
    private final DtlsChannel dtls;
    private final CompletableFuture<Void> up = new CompletableFuture<>();
    private final AtomicLong decryptFailures = new AtomicLong();
    private final AtomicLong packetsReceived = new AtomicLong();
    private final AtomicLong strayPackets = new AtomicLong();
    private volatile RtpListener listener = (packet, data, arrivedNanos) -> { };
    private volatile ImpairedPath outgoing;
    private volatile ImpairedPath incoming;
    private volatile int audioLevelId;
    private volatile SrtpSession srtp;
    private volatile DTLSTransport dtlsTransport;
    private volatile boolean closed;
    private final ReceiveStats inbound = new ReceiveStats();
    private volatile int inboundSsrc;
    private final SentStream outbound = new SentStream();
    /** Ours in receiver reports while we send nothing (RFC 3550 wants one even then), and our CNAME. */
    private final int reporterSsrc = java.util.concurrent.ThreadLocalRandom.current().nextInt();
    private final String cname = Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong());
    private final byte[] report = new byte[1500];
    private volatile RtcpClock.Schedule reports;

    /**
     * @param controlling whether our ICE agent nominates (we offer)
     * @param handshakes  where the blocking DTLS handshakes run
     */
    public PacketConnection(DtlsIdentity identity, boolean controlling, ExecutorService handshakes) throws IOException {
        this.identity = identity;
        this.handshakes = handshakes;
        this.ice = new IcePeer(controlling);
        this.dtls = new DtlsChannel(ice::send);
    }

    /** What our description says of this connection. */
    public LocalDescriptions.Local local() {
        return new LocalDescriptions.Local(ice.ufrag(), ice.password(), ice.candidates(), identity.fingerprint());
    }

    public void onRtp(RtpListener listener) {
        this.listener = listener;
    }

    /** The network's effect on the RTP this connection sends and receives (none unless set). */
    /** The packets the impaired path on the way in dropped (its loss and a full link queue); 0 with none. */
    public long droppedOnTheWayIn() {
        return dropped(incoming);
    }

    /** What an impaired path dropped (its loss and a full link queue); 0 with none. */
    private static long dropped(ImpairedPath path) {
        if (path == null) {
            return 0;
        }
        ImpairedPath.Applied applied = path.applied();
        return applied.lost() + applied.droppedByQueue();
    }

    void impair(ImpairedPath outgoing, ImpairedPath incoming) {
        this.outgoing = outgoing;
        this.incoming = incoming;
    }

    /**
     * The other side's description is known: ICE checks begin, and once a pair answers, the DTLS
     * handshake, as client when {@code dtlsClient}.
     *
     * @param audioLevelId the audio-level extension id negotiated for what we receive (0: none)
     */
    public void start(RemoteDescription remote, boolean dtlsClient, int audioLevelId) {
        this.audioLevelId = audioLevelId;
        if (remote.iceLite()) {
            ice.setControlling(true); // a lite peer never nominates
        }
        ice.start(remote.iceUfrag(), remote.icePwd(), remote.candidates());
        ice.connected().thenRunAsync(() -> {
            try {
                startReading();
            } catch (IOException e) {
                up.completeExceptionally(e);
                return;
            }
            handshake(new DtlsHandshake(identity, remote.fingerprint(), dtlsClient));
        }, handshakes).exceptionally(failure -> {
            up.completeExceptionally(failure);
            return null;
        });
    }

    /** A trickled candidate line ({@code candidate:...}). */
    public void addRemoteCandidate(String candidate) {
        ice.addRemoteCandidate(candidate);
    }

    public CompletableFuture<Void> up() {
        return up;
    }

    private void handshake(DtlsHandshake handshake) {
        try {
            DtlsHandshake.Result result = handshake.run(dtls);
            dtlsTransport = result.transport();
            srtp = new SrtpSession(result.keys());
            up.complete(null);
            reports = RtcpClock.shared().every(this::sendReport);
            if (closed) {
                stopReports(); // a close that came during the handshake
            }
        } catch (IOException | RuntimeException e) {
            up.completeExceptionally(new IOException("the DTLS handshake failed: " + e.getMessage(), e));
        }
    }

    /** From now on the socket's reader hands us what is not STUN. */
    private synchronized void startReading() throws IOException {
        if (closed) {
            return;
        }
        ice.listen(this::received);
    }

    private void received(byte[] data, int length, InetSocketAddress from, long arrivedNanos) {
        if (closed) {
            return;
        }
        if (!ice.fromPeer(from)) {
            strayPackets.incrementAndGet(); // not the peer's: no evidence about the call either way
            return;
        }
        try {
            dispatch(data, length, arrivedNanos);
        } catch (GeneralSecurityException | RuntimeException e) {
            decryptFailures.incrementAndGet();
        }
    }

    private void dispatch(byte[] data, int length, long arrivedNanos) throws GeneralSecurityException {
        int first = data[0] & 0xff;
        if (first >= 20 && first <= 63) {
            dtls.deliver(data, 0, length);
            return;
        }
        SrtpSession session = srtp;
        if (first < 128 || first > 191 || session == null) {
            return;
        }
        PacketBuffer packet = PacketBuffer.copyOf(data, 0, length);
        if (Rtp.isRtcp(data, 0, length)) {
            if (!session.unprotectControl(packet)) {
                decryptFailures.incrementAndGet();
                return;
            }
            Rtcp.reportBlocks(packet.getBuffer(), packet.getOffset(), packet.getLength()).forEach(outbound::reported);
            return;
        }
        if (!session.unprotect(packet)) {
            decryptFailures.incrementAndGet();
            return;
        }
        Rtp.Received received = Rtp.read(packet.getBuffer(), packet.getOffset(), packet.getLength(), audioLevelId);
        if (received == null) {
            return;
        }
        ImpairedPath path = incoming;
        if (path == null) {
            heard(received, packet.getBuffer(), arrivedNanos);
        } else {
            path.carry(packet.getLength(), () -> heard(received, packet.getBuffer(), System.nanoTime()));
        }
    }

    private void heard(Rtp.Received received, byte[] data, long arrivedNanos) {
        packetsReceived.incrementAndGet();
        inbound.packet(received.sequence(), received.timestamp(), arrivedNanos);
        inboundSsrc = received.ssrc();
        listener.received(received, data, arrivedNanos);
    }

    /**
     * Protects and sends one RTP packet made with {@link PacketBuffer#SRTP_ROOM} to spare, through the
     * impaired path when there is one. Before media is up, or once closed, nothing goes.
     */
    public void sendRtp(PacketBuffer rtp) {
        SrtpSession session = srtp;
        if (session == null || closed) {
            return;
        }
        Rtp.Received header = Rtp.read(rtp.getBuffer(), rtp.getOffset(), rtp.getLength(), 0);
        try {
            session.protect(rtp);
        } catch (GeneralSecurityException | RuntimeException e) {
            return; // jitsi-srtp refused the packet: nothing to send
        }
        if (header != null) {
            outbound.sent(header, System.nanoTime());
        }
        ImpairedPath path = outgoing;
        if (path == null) {
            send(rtp);
        } else {
            path.carry(rtp.getLength(), () -> send(rtp));
        }
    }

    private void send(PacketBuffer protectedRtp) {
        try {
            ice.send(protectedRtp.getBuffer(), protectedRtp.getOffset(), protectedRtp.getLength());
        } catch (IOException | RuntimeException e) {
            // the path is gone (a hang-up racing the clock): nothing more goes on it
        }
    }

    /**
     * One compound RTCP packet: a sender report once we sent RTP, else a receiver report, with a block
     * on what we receive. Around the impaired path: the profile's network is applied to the audio only,
     * so that what it dropped and what the far end reports lost are the same packets.
     */
    private void sendReport() {
        SrtpSession session = srtp;
        if (session == null || closed) {
            return;
        }
        java.util.List<Rtcp.ReportBlock> blocks = inbound.reportBlock(inboundSsrc).stream().toList();
        PacketBuffer packet;
        synchronized (report) {
            java.util.Optional<Rtcp.SenderInfo> sending = outbound.senderInfo(System.nanoTime());
            int length = sending.isPresent()
                    ? Rtcp.writeSenderReport(report, sending.get(), blocks, cname, System.currentTimeMillis())
                    : Rtcp.writeReceiverReport(report, reporterSsrc, blocks, cname);
            packet = PacketBuffer.copyOf(report, 0, length);
        }
        try {
            session.protectControl(packet);
        } catch (GeneralSecurityException | RuntimeException e) {
            return; // jitsi-srtp refused it: no report this time
        }
        send(packet);
    }

    private void stopReports() {
        RtcpClock.Schedule reporting = reports;
        if (reporting != null) {
            reporting.stop();
        }
    }

    /** What arrived of the stream we receive, as RFC 3550 counts it (what our receiver reports say). */
    public io.stella.harness.livekit.media.CallReport.AudioStats receivedAudio() {
        return inbound.snapshot(decryptFailures(), droppedOnTheWayIn());
    }

    /** Our audio as sent and as the far end's latest report said it arrived. */
    public io.stella.harness.livekit.media.CallReport.SentAudio sentAudio() {
        return outbound.snapshot(dropped(outgoing));
    }

    public long decryptFailures() {
        return decryptFailures.get();
    }

    public long packetsReceived() {
        return packetsReceived.get();
    }

    /** Datagrams from anyone but the selected pair's other end, dropped unread. */
    public long strayPackets() {
        return strayPackets.get();
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        stopReports();
        dtls.close();
        if (dtlsTransport != null) {
            try {
                dtlsTransport.close();
            } catch (IOException e) {
                // the peer is gone or going: nothing to tell it
            }
        }
        if (srtp != null) {
            srtp.close();
        }
        ice.close();
    }
}
