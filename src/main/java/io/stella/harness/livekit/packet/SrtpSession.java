package io.stella.harness.livekit.packet;

import org.jitsi.srtp.SrtcpCryptoContext;
import org.jitsi.srtp.SrtpContextFactory;
import org.jitsi.srtp.SrtpCryptoContext;
import org.jitsi.srtp.SrtpErrorStatus;
import org.jitsi.srtp.SrtpPolicy;
import org.jitsi.srtp.crypto.Aes;
import org.jitsi.utils.logging2.LoggerImpl;

import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SRTP and SRTCP for one connection with Jitsi's jitsi-srtp: protects what we send with our keys,
 * checks and decrypts what we receive with theirs. One crypto context per SSRC each way.
 */
final class SrtpSession {

    static {
        // Pure Java AES from the JDK: without a choice jitsi-srtp benchmarks every provider on first use
        // (a CPU burst in the middle of a run) and may load native OpenSSL.
        Aes.setFactoryClassName("SunJCE");
    }

    private final SrtpContextFactory sending;
    private final SrtpContextFactory receiving;
    private final Map<Integer, SrtpCryptoContext> sendContexts = new ConcurrentHashMap<>();
    private final Map<Integer, SrtpCryptoContext> receiveContexts = new ConcurrentHashMap<>();
    private final Map<Integer, SrtcpCryptoContext> receiveControlContexts = new ConcurrentHashMap<>();
    private final Map<Integer, SrtcpCryptoContext> sendControlContexts = new ConcurrentHashMap<>();

    SrtpSession(SrtpKeys keys) {
        LoggerImpl logger = new LoggerImpl(SrtpSession.class.getName());
        sending = new SrtpContextFactory(true, keys.localKey(), keys.localSalt(), policy(), policy(), logger);
        receiving = new SrtpContextFactory(false, keys.remoteKey(), keys.remoteSalt(), policy(), policy(), logger);
    }

    /** AES-128 counter mode, HMAC-SHA1 with an 80-bit tag (RFC 3711), replay checks off as LiveKit has them. */
    private static SrtpPolicy policy() {
        SrtpPolicy policy = new SrtpPolicy(SrtpPolicy.AESCM_ENCRYPTION, SrtpKeys.KEY_BYTES, SrtpPolicy.HMACSHA1_AUTHENTICATION,
                20, 10, SrtpKeys.SALT_BYTES);
        policy.setSendReplayEnabled(false);
        policy.setReceiveReplayEnabled(false);
        return policy;
    }

    /**
     * Runs the crypto once with throwaway keys: the first SRTP context of a JVM loads and checks the
     * JDK's cipher providers, which took over a second under load, and that must not happen on the
     * send clock's thread in the middle of a call.
     */
    static void warmUp() {
        byte[] key = new byte[SrtpKeys.KEY_BYTES];
        byte[] salt = new byte[SrtpKeys.SALT_BYTES];
        SrtpSession session = new SrtpSession(new SrtpKeys(SrtpKeys.PROFILE, key, salt, key, salt));
        try {
            byte[] packet = new byte[64];
            int length = Rtp.write(packet, 111, 1, 960, 1, false, 0, 0, false, new byte[20]);
            PacketBuffer buffer = PacketBuffer.copyOf(packet, 0, length);
            session.protect(buffer);
            session.unprotect(buffer);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SRTP does not work in this JVM: " + e.getMessage(), e);
        } finally {
            session.close();
        }
    }

    /** Encrypts an RTP packet in place (it grows by the tag). */
    void protect(PacketBuffer rtp) throws GeneralSecurityException {
        int ssrc = Rtp.ssrc(rtp.getBuffer(), rtp.getOffset());
        SrtpCryptoContext context = sendContexts.get(ssrc);
        if (context == null) {
            context = sending.deriveContext(ssrc, 0);
            sendContexts.put(ssrc, context);
        }
        context.transformPacket(rtp);
    }

    /** Encrypts and signs an RTCP packet in place (it grows by the SRTCP index and the tag). */
    void protectControl(PacketBuffer rtcp) throws GeneralSecurityException {
        int ssrc = Rtp.rtcpSenderSsrc(rtcp.getBuffer(), rtcp.getOffset());
        SrtcpCryptoContext context = sendControlContexts.get(ssrc);
        if (context == null) {
            context = sending.deriveControlContext(ssrc);
            sendControlContexts.put(ssrc, context);
        }
        context.transformPacket(rtcp);
    }

    /** Checks and decrypts an SRTP packet in place; false when it fails authentication. */
    boolean unprotect(PacketBuffer srtp) throws GeneralSecurityException {
        int ssrc = Rtp.ssrc(srtp.getBuffer(), srtp.getOffset());
        SrtpCryptoContext context = receiveContexts.get(ssrc);
        SrtpCryptoContext candidate = context != null ? context : receiving.deriveContext(ssrc, 0);
        if (candidate.reverseTransformPacket(srtp, false) != SrtpErrorStatus.OK) {
            return false;
        }
        // Kept only once a packet authenticated: forged SSRCs do not pile up contexts.
        receiveContexts.putIfAbsent(ssrc, candidate);
        return true;
    }

    /** Checks and decrypts an SRTCP packet in place; false when it fails authentication. */
    boolean unprotectControl(PacketBuffer srtcp) throws GeneralSecurityException {
        int ssrc = Rtp.rtcpSenderSsrc(srtcp.getBuffer(), srtcp.getOffset());
        SrtcpCryptoContext context = receiveControlContexts.get(ssrc);
        SrtcpCryptoContext candidate = context != null ? context : receiving.deriveControlContext(ssrc);
        if (candidate.reverseTransformPacket(srtcp) != SrtpErrorStatus.OK) {
            return false;
        }
        receiveControlContexts.putIfAbsent(ssrc, candidate);
        return true;
    }

    void close() {
        sending.close();
        receiving.close();
    }
}
