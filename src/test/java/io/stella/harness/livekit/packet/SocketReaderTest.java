package io.stella.harness.livekit.packet;

import org.junit.jupiter.api.Test;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** Every packet socket of the process is read by one thread. */
class SocketReaderTest {

    private static final int SOCKETS = 200;
    private static final byte[] RTP = {(byte) 0x80, 111, 0, 1};

    @Test
    void oneThreadReadsEverySocketAndAListenerThatThrowsStopsNoOther() throws Exception {
        List<LoopbackSocket> sockets = new ArrayList<>();
        BlockingQueue<Integer> heardOn = new LinkedBlockingQueue<>();
        Set<String> readingThreads = ConcurrentHashMap.newKeySet();
        try (DatagramSocket peer = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            for (int i = 0; i < SOCKETS; i++) {
                LoopbackSocket socket = new LoopbackSocket();
                int index = i;
                socket.listen((data, length, from, arrivedNanos) -> {
                    readingThreads.add(Thread.currentThread().getName());
                    heardOn.add(index);
                    if (index % 2 == 0) {
                        throw new IllegalStateException("a listener's own bug");
                    }
                });
                sockets.add(socket);
            }
            for (int round = 0; round < 2; round++) {
                for (LoopbackSocket socket : sockets) {
                    peer.send(new DatagramPacket(RTP, RTP.length, new InetSocketAddress(InetAddress.getLoopbackAddress(), socket.port())));
                }
            }

            int[] heard = new int[SOCKETS];
            for (int i = 0; i < 2 * SOCKETS; i++) {
                Integer index = heardOn.poll(10, TimeUnit.SECONDS);
                assertNotNull(index, "datagrams heard: " + i + " of " + 2 * SOCKETS);
                heard[index]++;
            }
            for (int i = 0; i < SOCKETS; i++) {
                assertEquals(2, heard[i], "datagrams heard on socket " + i);
            }
            assertEquals(Set.of("packet-sockets"), readingThreads);
        } finally {
            sockets.forEach(socket -> socket.iceSide().close());
        }
    }
}
