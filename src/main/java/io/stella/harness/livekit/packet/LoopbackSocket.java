package io.stella.harness.livekit.packet;

import org.ice4j.socket.DelegatingDatagramSocket;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The UDP socket of one host candidate on 127.0.0.1, read by the process's one {@link SocketReader}:
 * STUN goes on to ice4j, whose stack reads it from {@link #iceSide()} (a queue: checks and keep-alives
 * are a few a second at most), and everything else to the connection's listener, on the reader's
 * thread, handed to no other. ice4j's multiplexing socket lets whichever of its two readers is free
 * read the next datagram and hand it to the other: two thread wake-ups per packet, which with
 * hundreds of calls cost more than the packets. Until the connection listens (once ICE is done),
 * what is not STUN waits, in order: a DTLS hello may come before our side of ICE is done.
 */
final class LoopbackSocket {

    /** Hears each datagram that is not STUN, on the reader's thread; the data is only valid during the call. */
    interface Listener {
        void received(byte[] data, int length, InetSocketAddress from, long arrivedNanos);
    }

    /** Datagrams kept before the connection listens; more are dropped, as a full socket buffer would. */
    private static final int EARLY_KEPT = 64;

    private final DatagramChannel channel;
    private final IceSide iceSide;
    private final Deque<Early> early = new ArrayDeque<>();
    private volatile Listener listener;

    LoopbackSocket() throws IOException {
        channel = DatagramChannel.open(StandardProtocolFamily.INET);
        try {
            channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            channel.configureBlocking(false);
            iceSide = new IceSide(channel);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        SocketReader.shared().add(this);
    }

    DatagramChannel channel() {
        return channel;
    }

    int port() {
        return channel.socket().getLocalPort();
    }

    /**
     * The socket as ice4j sees it, for its candidate and its STUN stack: it sends through the channel
     * and receives the STUN datagrams only. ice4j closes it when the agent is freed, which closes the channel.
     */
    DatagramSocket iceSide() {
        return iceSide;
    }

    /** From now on every datagram that is not STUN goes to the listener, those that came before first. */
    void listen(Listener newListener) {
        synchronized (early) {
            for (Early datagram : early) {
                newListener.received(datagram.data(), datagram.data().length, datagram.from(), datagram.arrivedNanos());
            }
            early.clear();
            listener = newListener;
        }
    }

    /**
     * The reader's turn: one datagram. Reading on until the socket is empty would cost one more
     * system call per turn, the one that finds it empty (a round trip through the hypervisor on a
     * virtual machine); the selector reports a socket with more waiting again at once.
     */
    void readReady(ByteBuffer buffer) {
        InetSocketAddress from;
        buffer.clear();
        try {
            from = (InetSocketAddress) channel.receive(buffer);
        } catch (IOException e) {
            closed(); // the candidate was freed
            return;
        }
        if (from == null) {
            return;
        }
        long arrivedNanos = System.nanoTime();
        byte[] data = buffer.array();
        if ((data[0] & 0xff) < 4) { // RFC 7983: STUN
            iceSide.arrived(Arrays.copyOf(data, buffer.position()), from);
        } else {
            deliver(data, buffer.position(), from, arrivedNanos);
        }
    }

    /** The channel is closed: ice4j's reader of the STUN side ends too. */
    void closed() {
        iceSide.close();
    }

    private void deliver(byte[] data, int length, InetSocketAddress from, long arrivedNanos) {
        Listener now = listener;
        if (now == null) {
            synchronized (early) {
                now = listener;
                if (now == null) {
                    if (early.size() < EARLY_KEPT) {
                        early.add(new Early(Arrays.copyOf(data, length), from, arrivedNanos));
                    }
                    return;
                }
            }
        }
        now.received(data, length, from, arrivedNanos);
    }

    private record Early(byte[] data, InetSocketAddress from, long arrivedNanos) {
    }

    /**
     * What ice4j holds: it sends through the channel (non-blocking, which the channel's own socket
     * adaptor refuses to do) and receives the STUN datagrams our reader queued.
     */
    private static final class IceSide extends DelegatingDatagramSocket {

        private static final int STUN_KEPT = 256;
        private static final DatagramPacket CLOSED = new DatagramPacket(new byte[0], 0);

        private final DatagramChannel channel;
        private final BlockingQueue<DatagramPacket> queued = new LinkedBlockingQueue<>(STUN_KEPT);
        private volatile boolean closing;

        IceSide(DatagramChannel channel) throws SocketException {
            super(channel.socket());
            this.channel = channel;
        }

        void arrived(byte[] data, InetSocketAddress from) {
            queued.offer(new DatagramPacket(data, data.length, from)); // full: dropped, the peer asks again
        }

        @Override
        public void send(DatagramPacket packet) throws IOException {
            channel.send(ByteBuffer.wrap(packet.getData(), packet.getOffset(), packet.getLength()), packet.getSocketAddress());
        }

        @Override
        public void receive(DatagramPacket into) throws IOException {
            DatagramPacket next;
            try {
                next = queued.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for STUN");
            }
            if (next == CLOSED || closing) {
                queued.offer(CLOSED); // for any other reader
                throw new SocketException("the socket is closed");
            }
            int length = Math.min(next.getLength(), into.getData().length - into.getOffset());
            System.arraycopy(next.getData(), 0, into.getData(), into.getOffset(), length);
            into.setLength(length);
            into.setSocketAddress(next.getSocketAddress());
        }

        @Override
        public void close() {
            synchronized (queued) {
                if (!closing) {
                    closing = true;
                    queued.clear();
                    queued.offer(CLOSED);
                }
            }
            super.close();
        }
    }
}
