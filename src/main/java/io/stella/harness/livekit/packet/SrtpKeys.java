package io.stella.harness.livekit.packet;

import org.bouncycastle.tls.SRTPProtectionProfile;

/**
 * The SRTP master keys a DTLS handshake exported (RFC 5764 section 4.2), already told apart into
 * ours (to protect what we send) and theirs (to check and decrypt what we receive).
 */
public record SrtpKeys(int protectionProfile, byte[] localKey, byte[] localSalt, byte[] remoteKey, byte[] remoteSalt) {

    /** The profile we offer and accept: every WebRTC stack has it (libwebrtc, pion, libdatachannel). */
    public static final int PROFILE = SRTPProtectionProfile.SRTP_AES128_CM_HMAC_SHA1_80;
    static final int KEY_BYTES = 16;
    static final int SALT_BYTES = 14;

    /** How many bytes of keying material the profile needs from the exporter. */
    static int materialBytes() {
        return 2 * (KEY_BYTES + SALT_BYTES);
    }

    /** Splits client_key | server_key | client_salt | server_salt by which side of the handshake we were. */
    static SrtpKeys fromMaterial(byte[] material, boolean weAreClient) {
        byte[] clientKey = slice(material, 0, KEY_BYTES);
        byte[] serverKey = slice(material, KEY_BYTES, KEY_BYTES);
        byte[] clientSalt = slice(material, 2 * KEY_BYTES, SALT_BYTES);
        byte[] serverSalt = slice(material, 2 * KEY_BYTES + SALT_BYTES, SALT_BYTES);
        return weAreClient ? new SrtpKeys(PROFILE, clientKey, clientSalt, serverKey, serverSalt)
                : new SrtpKeys(PROFILE, serverKey, serverSalt, clientKey, clientSalt);
    }

    private static byte[] slice(byte[] from, int offset, int length) {
        byte[] part = new byte[length];
        System.arraycopy(from, offset, part, 0, length);
        return part;
    }
}
