package io.stella.harness.livekit.packet;

/**
 * RTP as an audio sender and receiver need it (RFC 3550): a packet with one payload and, when the
 * session negotiated it, the RFC 6464 audio level in a one-byte header extension (RFC 8285); and
 * what a received packet says. RTCP is told apart by its packet type (RFC 5761, rtcp-mux).
 */
public final class Rtp {

    static final int HEADER_BYTES = 12;
    private static final int ONE_BYTE_PROFILE = 0xBEDE;
    /** The RFC 6464 level that means silence: -127 dBov. */
    static final int SILENT_LEVEL = 127;

    private Rtp() {
    }

    /** What a received RTP packet carries; {@code audioLevel} is -1 when it carries none. */
    public record Received(int payloadType, int sequence, long timestamp, int ssrc, int audioLevel, boolean voice,
                    int payloadOffset, int payloadLength) {
        /** Whether the packet carried an RFC 6464 level (-1 when not). */
        public boolean hasLevel() {
            return audioLevel >= 0;
        }
    }

    /**
     * Writes one packet into {@code into} from offset 0 and returns its length.
     *
     * @param audioLevelId the negotiated extension id for the audio level, or 0 for none
     * @param level        0 (loudest) to 127 (silence), -dBov
     */
    static int write(byte[] into, int payloadType, int sequence, long timestamp, int ssrc, boolean marker,
                     int audioLevelId, int level, boolean voice, byte[] payload) {
        boolean extension = audioLevelId > 0;
        into[0] = (byte) (0x80 | (extension ? 0x10 : 0));
        into[1] = (byte) ((marker ? 0x80 : 0) | (payloadType & 0x7f));
        putShort(into, 2, sequence);
        putInt(into, 4, (int) timestamp);
        putInt(into, 8, ssrc);
        int at = HEADER_BYTES;
        if (extension) {
            putShort(into, at, ONE_BYTE_PROFILE);
            putShort(into, at + 2, 1); // one 32-bit word: the element and padding
            into[at + 4] = (byte) (audioLevelId << 4); // L = 0: one data byte
            into[at + 5] = (byte) ((voice ? 0x80 : 0) | (level & 0x7f));
            into[at + 6] = 0;
            into[at + 7] = 0;
            at += 8;
        }
        System.arraycopy(payload, 0, into, at, payload.length);
        return at + payload.length;
    }

    /** Whether a packet on the shared path is RTCP (payload types 192..223 in the second byte) rather than RTP. */
    static boolean isRtcp(byte[] data, int offset, int length) {
        if (length < 2) {
            return false;
        }
        int type = data[offset + 1] & 0xff;
        return type >= 192 && type <= 223;
    }

    /** Reads a decrypted RTP packet; null when it is too short or malformed. */
    static Received read(byte[] data, int offset, int length, int audioLevelId) {
        if (length < HEADER_BYTES || (data[offset] & 0xc0) != 0x80) {
            return null;
        }
        int csrcCount = data[offset] & 0x0f;
        boolean extension = (data[offset] & 0x10) != 0;
        int at = HEADER_BYTES + 4 * csrcCount;
        int level = -1;
        boolean voice = false;
        if (extension) {
            if (length < at + 4) {
                return null;
            }
            int profile = getShort(data, offset + at);
            int words = getShort(data, offset + at + 2);
            int end = at + 4 + 4 * words;
            if (end > length) {
                return null;
            }
            if (profile == ONE_BYTE_PROFILE && audioLevelId > 0) {
                int levelByte = findOneByteElement(data, offset + at + 4, offset + end, audioLevelId);
                if (levelByte >= 0) {
                    level = levelByte & 0x7f;
                    voice = (levelByte & 0x80) != 0;
                }
            }
            at = end;
        }
        int payloadEnd = length;
        if ((data[offset] & 0x20) != 0 && length > at) {
            payloadEnd -= data[offset + length - 1] & 0xff; // padding
        }
        if (payloadEnd < at) {
            return null;
        }
        return new Received(data[offset + 1] & 0x7f, getShort(data, offset + 2), getInt(data, offset + 4) & 0xffffffffL,
                getInt(data, offset + 8), level, voice, offset + at, payloadEnd - at);
    }

    /** The first data byte of the one-byte element with that id, or -1. */
    private static int findOneByteElement(byte[] data, int from, int to, int id) {
        int at = from;
        while (at < to) {
            int head = data[at] & 0xff;
            if (head == 0) {
                at++; // padding
                continue;
            }
            int elementId = head >> 4;
            int dataLength = (head & 0x0f) + 1;
            if (elementId == 15 || at + 1 + dataLength > to) {
                return -1;
            }
            if (elementId == id) {
                return data[at + 1] & 0xff;
            }
            at += 1 + dataLength;
        }
        return -1;
    }

    static int ssrc(byte[] data, int offset) {
        return getInt(data, offset + 8);
    }

    static int rtcpSenderSsrc(byte[] data, int offset) {
        return getInt(data, offset + 4);
    }

    private static void putShort(byte[] into, int at, int value) {
        into[at] = (byte) (value >> 8);
        into[at + 1] = (byte) value;
    }

    private static void putInt(byte[] into, int at, int value) {
        into[at] = (byte) (value >> 24);
        into[at + 1] = (byte) (value >> 16);
        into[at + 2] = (byte) (value >> 8);
        into[at + 3] = (byte) value;
    }

    private static int getShort(byte[] data, int at) {
        return ((data[at] & 0xff) << 8) | (data[at + 1] & 0xff);
    }

    private static int getInt(byte[] data, int at) {
        return ((data[at] & 0xff) << 24) | ((data[at + 1] & 0xff) << 16) | ((data[at + 2] & 0xff) << 8) | (data[at + 3] & 0xff);
    }
}
