package io.stella.harness.livekit.packet;

import org.ice4j.socket.DelegatingDatagramSocket;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The UDP socket of one host candidate on 127.0.0.1, read by one thread of ours from its start:
 * STUN goes on to ice4j, whose stack reads it from {@link #stunSide()} (a queue: checks and
 * keep-alives are a few a second at most), and everything else to the connection's listener, on
 * this thread, handed to no other. ice4j's multiplexing socket lets whichever of its two readers is
 * free read the next datagram and hand it to the other: two thread wake-ups per packet, which with
 * hundreds of calls cost more than the packets. Until the connection listens (once ICE is done),
 * what is not STUN waits, in order: a DTLS hello may come before our side of ICE is done.
 */
final class LoopbackSocket {

    /** Hears each datagram that is not STUN, on the socket's reader thread; the data is only valid during the call. */
    interface Listener {
        void received(byte[] data, int length, InetSocketAddress from, long arrivedNanos);
    }

    /** Datagrams kept before the connection listens; more are dropped, as a full socket buffer would. */
    private static final int EARLY_KEPT = 64;
    private static final int MAX_DATAGRAM_BYTES = 1500;

    private final DatagramSocket socket;
    private final StunSide stunSide;
    private final Deque<Early> early = new ArrayDeque<>();
    private volatile Listener listener;

    LoopbackSocket() throws SocketException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        stunSide = new StunSide(socket);
        Thread reader = new Thread(this::read, "packet-socket-" + socket.getLocalPort());
        reader.setDaemon(true);
        reader.start();
    }

    /** The socket itself: what ice4j's candidate sends through. */
    DatagramSocket socket() {
        return socket;
    }

    /** What ice4j's STUN stack reads: the STUN datagrams only. */
    DatagramSocket stunSide() {
        return stunSide;
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

    private void read() {
        byte[] buffer = new byte[MAX_DATAGRAM_BYTES];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        while (true) {
            try {
                packet.setData(buffer, 0, buffer.length);
                socket.receive(packet);
            } catch (IOException e) {
                stunSide.close(); // the candidate was freed: ice4j's reader ends too
                return;
            }
            long arrivedNanos = System.nanoTime();
            InetSocketAddress from = (InetSocketAddress) packet.getSocketAddress();
            if ((buffer[0] & 0xff) < 4) { // RFC 7983: STUN
                stunSide.arrived(Arrays.copyOf(buffer, packet.getLength()), from);
            } else {
                deliver(buffer, packet.getLength(), from, arrivedNanos);
            }
        }
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
     * The socket as ice4j's STUN stack sees it: it sends through the real one, and receives the STUN
     * datagrams our reader queued. Closed by ice4j when the agent is freed (which closes the socket).
     */
    private static final class StunSide extends DelegatingDatagramSocket {

        private static final int STUN_KEPT = 256;
        private static final DatagramPacket CLOSED = new DatagramPacket(new byte[0], 0);

        private final BlockingQueue<DatagramPacket> queued = new LinkedBlockingQueue<>(STUN_KEPT);
        private volatile boolean closing;

        StunSide(DatagramSocket socket) throws SocketException {
            super(socket);
        }

        void arrived(byte[] data, InetSocketAddress from) {
            queued.offer(new DatagramPacket(data, data.length, from)); // full: dropped, the peer asks again
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
            if (!closing) {
                closing = true;
                queued.clear();
                queued.offer(CLOSED);
            }
            super.close();
        }
    }
}
