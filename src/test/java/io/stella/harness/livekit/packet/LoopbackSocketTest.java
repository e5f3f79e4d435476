package io.stella.harness.livekit.packet;

import org.junit.jupiter.api.Test;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One host candidate's socket: read by the shared reader, STUN handed on to ice4j's side, the rest kept for the connection. */
class LoopbackSocketTest {

    private static final byte[] STUN = {0x00, 0x01, 0x00, 0x00, 0x21, 0x12, (byte) 0xa4, 0x42, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
    private static final byte[] DTLS = {22, (byte) 0xfe, (byte) 0xfd, 0};
    private static final byte[] RTP = {(byte) 0x80, 111, 0, 1};

    @Test
    void stunGoesToIce4jsSideAndTheRestToTheConnectionInOrderThoseBeforeItListenedFirst() throws Exception {
        LoopbackSocket socket = new LoopbackSocket();
        try (DatagramSocket peer = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            send(peer, socket, DTLS); // a hello before our side of ICE is done
            send(peer, socket, STUN);
            DatagramPacket stun = new DatagramPacket(new byte[1500], 1500);
            socket.iceSide().receive(stun);
            assertArrayEquals(STUN, Arrays.copyOf(stun.getData(), stun.getLength()));
            assertEquals(peer.getLocalSocketAddress(), stun.getSocketAddress());

            BlockingQueue<byte[]> heard = new LinkedBlockingQueue<>();
            socket.listen((data, length, from, arrivedNanos) -> heard.add(Arrays.copyOf(data, length)));
            send(peer, socket, RTP);

            assertArrayEquals(DTLS, heard.poll(5, TimeUnit.SECONDS));
            assertArrayEquals(RTP, heard.poll(5, TimeUnit.SECONDS));
        } finally {
            socket.iceSide().close();
        }
    }

    @Test
    void closingTheSocketEndsIce4jsReaderToo() throws Exception {
        LoopbackSocket socket = new LoopbackSocket();
        CompletableFuture<Exception> ended = CompletableFuture.supplyAsync(() -> assertThrows(SocketException.class,
                () -> socket.iceSide().receive(new DatagramPacket(new byte[1500], 1500))));

        socket.iceSide().close();

        assertTrue(ended.get(5, TimeUnit.SECONDS).getMessage().contains("closed"));
    }

    private static void send(DatagramSocket from, LoopbackSocket to, byte[] data) throws Exception {
        from.send(new DatagramPacket(data, data.length, new InetSocketAddress(InetAddress.getLoopbackAddress(),
                to.port())));
    }
}
