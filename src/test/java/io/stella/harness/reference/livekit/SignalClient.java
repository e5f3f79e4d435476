package io.stella.harness.reference.livekit;

import livekit.LivekitRtc;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A bare /rtc client for tests: binary SignalRequests out, SignalResponses queued as they arrive. */
final class SignalClient implements WebSocket.Listener, AutoCloseable {

    final BlockingQueue<LivekitRtc.SignalResponse> received = new LinkedBlockingQueue<>();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final ByteBuffer partial = ByteBuffer.allocate(1 << 20);
    private WebSocket socket;

    static SignalClient connect(String wsUrl, String token) throws Exception {
        SignalClient client = new SignalClient();
        client.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create(wsUrl + "/rtc?access_token=" + token + "&protocol=15"), client)
                .get(5, TimeUnit.SECONDS);
        return client;
    }

    LivekitRtc.SignalResponse next() throws InterruptedException {
        LivekitRtc.SignalResponse response = received.poll(5, TimeUnit.SECONDS);
        if (response == null) {
            throw new AssertionError("no signal frame within 5 s");
        }
        return response;
    }

    void send(LivekitRtc.SignalRequest request) {
        socket.sendBinary(ByteBuffer.wrap(request.toByteArray()), true).join();
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        partial.put(data);
        if (last) {
            partial.flip();
            try {
                received.add(LivekitRtc.SignalResponse.parseFrom(partial));
            } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                throw new AssertionError("the server sent a frame that is not a SignalResponse", e);
            }
            partial.clear();
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.complete(-1);
    }

    /** Closes from our side; a socket the server already closed has nothing left to close. */
    @Override
    public void close() {
        if (!socket.isOutputClosed() && !closed.isDone()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").exceptionally(alreadyClosed -> null).join();
        }
    }
}
