package io.stella.harness.livekit.packet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The one thread that reads every packet socket of the process, through one selector. A thread per
 * socket paid a wake-up for each datagram, and a sender's every {@code sendto} woke one more of
 * them: on a virtual machine each wake-up is a round trip through the hypervisor. One reader finds
 * the datagrams that arrived together (an engine's clock sends a burst every tick) in one wake-up.
 * Process-wide, as ice4j's own timers are: the callers and the agents of one process share it.
 */
final class SocketReader {

    private static final int MAX_DATAGRAM_BYTES = 1500;

    private static final class Shared {
        private static final SocketReader READER = new SocketReader();
    }

    private final Selector selector;
    private final Queue<LoopbackSocket> joining = new ConcurrentLinkedQueue<>();

    private SocketReader() {
        try {
            selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a selector for the packet sockets: " + e.getMessage(), e);
        }
        Thread thread = new Thread(this::run, "packet-sockets");
        thread.setDaemon(true);
        thread.start();
    }

    static SocketReader shared() {
        return Shared.READER;
    }

    /** From now on the socket is read: its datagrams go to {@link LoopbackSocket#readReady}. */
    void add(LoopbackSocket socket) {
        joining.add(socket);
        selector.wakeup(); // a select under way would not see a channel registered from another thread
    }

    private void run() {
        ByteBuffer buffer = ByteBuffer.allocate(MAX_DATAGRAM_BYTES);
        while (true) {
            try {
                selector.select(key -> readReady(key, buffer));
            } catch (IOException e) {
                System.err.println("packet sockets: the selector failed, no more packets are read: " + e.getMessage());
                return;
            }
            registerJoining();
        }
    }

    private static void readReady(SelectionKey key, ByteBuffer buffer) {
        try {
            ((LoopbackSocket) key.attachment()).readReady(buffer);
        } catch (RuntimeException e) {
            // a listener's own trouble: the other sockets are still read
            System.err.println("packet sockets: a listener failed on a datagram: " + e);
        }
    }

    private void registerJoining() {
        LoopbackSocket socket;
        while ((socket = joining.poll()) != null) {
            try {
                socket.channel().register(selector, SelectionKey.OP_READ, socket);
            } catch (ClosedChannelException e) {
                socket.closed(); // closed before it was ever read
            }
        }
    }
}
