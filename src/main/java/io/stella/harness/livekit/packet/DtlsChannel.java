package io.stella.harness.livekit.packet;

import org.bouncycastle.tls.DatagramTransport;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * What Bouncy Castle's DTLS reads and writes through: the DTLS records the connection's demultiplexer
 * hands in (first byte 20..63, RFC 7983), and a sender onto the ICE path.
 */
final class DtlsChannel implements DatagramTransport {

    /** Sends one datagram on the connection's selected ICE path. */
    interface Sender {
        void send(byte[] data, int offset, int length) throws IOException;
    }

    // As Bouncy Castle's UDPTransport: an Ethernet MTU less the IP and UDP headers.
    private static final int RECEIVE_LIMIT = 1500 - 20 - 8;
    private static final int SEND_LIMIT = 1500 - 84 - 8;

    private final BlockingQueue<byte[]> received = new LinkedBlockingQueue<>();
    private final Sender sender;
    private volatile boolean closed;

    DtlsChannel(Sender sender) {
        this.sender = sender;
    }

    /** A DTLS record from the peer. */
    void deliver(byte[] data, int offset, int length) {
        byte[] copy = new byte[length];
        System.arraycopy(data, offset, copy, 0, length);
        received.add(copy);
    }

    @Override
    public int getReceiveLimit() {
        return RECEIVE_LIMIT;
    }

    @Override
    public int getSendLimit() {
        return SEND_LIMIT;
    }

    @Override
    public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
        if (closed) {
            return -1;
        }
        try {
            byte[] next = received.poll(waitMillis, TimeUnit.MILLISECONDS);
            if (next == null) {
                return -1;
            }
            int length = Math.min(len, next.length);
            System.arraycopy(next, 0, buf, off, length);
            return length;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("the DTLS handshake was interrupted");
        }
    }

    @Override
    public void send(byte[] buf, int off, int len) throws IOException {
        if (!closed) {
            sender.send(buf, off, len);
        }
    }

    @Override
    public void close() {
        closed = true;
    }
}
