package io.stella.harness.livekit.packet;

import org.jitsi.utils.ByteArrayBuffer;

/**
 * One packet in a byte array with room to grow: SRTP appends its authentication tag (and SRTCP
 * its index) in place, so a packet to protect is made with that room to spare.
 */
public final class PacketBuffer implements ByteArrayBuffer {

    /** Room for SRTP's tag and SRTCP's index behind any packet we make. */
    public static final int SRTP_ROOM = 32;

    private byte[] buffer;
    private int offset;
    private int length;

    PacketBuffer(byte[] buffer, int offset, int length) {
        this.buffer = buffer;
        this.offset = offset;
        this.length = length;
    }

    /** A copy of {@code length} bytes, with room to grow behind them. */
    public static PacketBuffer copyOf(byte[] data, int offset, int length) {
        byte[] copy = new byte[length + SRTP_ROOM];
        System.arraycopy(data, offset, copy, 0, length);
        return new PacketBuffer(copy, 0, length);
    }

    @Override
    public byte[] getBuffer() {
        return buffer;
    }

    @Override
    public int getOffset() {
        return offset;
    }

    @Override
    public int getLength() {
        return length;
    }

    @Override
    public void setLength(int length) {
        this.length = length;
    }

    @Override
    public void setOffset(int offset) {
        this.offset = offset;
    }

    @Override
    public boolean isInvalid() {
        return false;
    }

    @Override
    public void readRegionToBuff(int regionOffset, int regionLength, byte[] into) {
        System.arraycopy(buffer, offset + regionOffset, into, 0, regionLength);
    }

    @Override
    public void grow(int howMuch) {
        if (offset + length + howMuch > buffer.length) {
            byte[] larger = new byte[length + howMuch];
            System.arraycopy(buffer, offset, larger, 0, length);
            buffer = larger;
            offset = 0;
        }
    }

    @Override
    public void append(byte[] data, int dataLength) {
        grow(dataLength);
        System.arraycopy(data, 0, buffer, offset + length, dataLength);
        length += dataLength;
    }

    @Override
    public void shrink(int howMuch) {
        length = Math.max(0, length - howMuch);
    }
}
