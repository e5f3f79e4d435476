package io.stella.harness.reference.livekit;

import io.javalin.websocket.WsContext;
import livekit.LivekitRtc;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A participant's /rtc socket. Frames are sent one at a time (a socket takes one writer), and
 * anything meant for the participant before its JoinResponse is held back so that the JoinResponse
 * is always the first frame, as clients expect.
 */
final class WsSignalLink implements SignalLink {

    private final WsContext socket;
    private final List<LivekitRtc.SignalResponse> heldBack = new ArrayList<>();
    private boolean joined;
    private boolean closed;

    WsSignalLink(WsContext socket) {
        this.socket = socket;
    }

    synchronized void join(LivekitRtc.SignalResponse joinResponse) {
        write(joinResponse);
        joined = true;
        heldBack.forEach(this::write);
        heldBack.clear();
    }

    @Override
    public synchronized void send(LivekitRtc.SignalResponse response) {
        if (!joined) {
            heldBack.add(response);
        } else {
            write(response);
        }
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            socket.closeSession();
        }
    }

    private void write(LivekitRtc.SignalResponse response) {
        if (!closed && socket.session.isOpen()) {
            socket.send(ByteBuffer.wrap(response.toByteArray()));
        }
    }
}
