package io.stella.harness.reference.livekit;

import io.javalin.http.Context;
import io.javalin.websocket.WsBinaryMessageContext;
import io.javalin.websocket.WsCloseContext;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsConnectContext;
import io.stella.harness.reference.livekit.media.StandInMedia;
import livekit.LivekitModels;
import livekit.LivekitRtc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * LiveKit's {@code /rtc} signaling endpoint, as far as a load harness reaches it: every check before
 * the upgrade (401, 400, 503 as LiveKit's {@code rtcservice.go}), the room made on first join, a
 * binary {@code SignalResponse{join}} first, {@code ping_req} answered with {@code pong_resp},
 * {@code leave}, joins and leaves pushed to the others. A participant that asks for media (adds a
 * track, offers) gets it from {@link StandInMedia}, with the simulated agent on the other end; one
 * that never does never becomes active, so the real server's join timeout removes it, here as there.
 */
final class RtcSignaling {

    static final String SERVER_VERSION = "1.9.0-stella-reference";
    private static final String GRANTS = "livekit.grants";
    private static final String LINK = "livekit.link";
    private static final String PARTICIPANT = "livekit.participant";

    private final LivekitAuth auth;
    private final Rooms rooms;
    private final ScheduledExecutorService timer;
    private final LivekitSettings settings;
    private final StandInMedia media;

    RtcSignaling(LivekitAuth auth, Rooms rooms, ScheduledExecutorService timer, LivekitSettings settings, StandInMedia media) {
        this.media = media;
        this.auth = auth;
        this.rooms = rooms;
        this.timer = timer;
        this.settings = settings;
    }

    /** Whether a join may go ahead: the grants, or the status and plain-text message LiveKit refuses with. */
    private record Admission(LivekitGrants grants, int status, String refusal) {
        static Admission refused(int status, String message) {
            return new Admission(null, status, message);
        }
    }

    /** {@code GET /rtc/validate}: the same checks as a join, answered 200 or with the same error. */
    void validate(Context ctx) {
        Admission admission = admit(ctx);
        if (admission.grants() == null) {
            ctx.status(admission.status()).contentType("text/plain").result(admission.refusal());
        } else {
            ctx.status(200).contentType("text/plain").result("success");
        }
    }

    /**
     * Before the upgrade: refuse with LiveKit's status and message, or let it through. A refusal is
     * written straight to the response, because Javalin sends no result body once an upgrade is abandoned.
     */
    void beforeUpgrade(Context ctx) throws IOException {
        Admission admission = admit(ctx);
        if (admission.grants() == null) {
            ctx.status(admission.status()).contentType("text/plain");
            ctx.res().getOutputStream().write(admission.refusal().getBytes(StandardCharsets.UTF_8));
            ctx.res().flushBuffer();
            ctx.skipRemainingHandlers();
        } else {
            ctx.attribute(GRANTS, admission.grants());
        }
    }

    private Admission admit(Context ctx) {
        LivekitAuth.Caller caller = auth.caller(ctx);
        if (caller.rejected()) {
            return Admission.refused(401, caller.rejection());
        }
        LivekitGrants grants = caller.grants();
        if (grants == null || !grants.roomJoin()) {
            return Admission.refused(401, "permissions denied");
        }
        if (grants.room().isEmpty()) {
            return Admission.refused(400, "no room name");
        }
        if (grants.identity().isEmpty()) {
            return Admission.refused(400, "identity cannot be empty");
        }
        boolean roomFull = rooms.find(grants.room()).map(room -> !room.hasRoom()).orElse(false);
        if (roomFull || rooms.participantCount() >= settings.maxParticipants()) {
            return Admission.refused(503, "maximum participants reached");
        }
        return new Admission(grants, 200, null);
    }

    void configure(WsConfig ws) {
        ws.onConnect(this::onConnect);
        ws.onBinaryMessage(this::onMessage);
        ws.onClose(this::onClose);
    }

    private void onConnect(WsConnectContext socket) {
        LivekitGrants grants = socket.attribute(GRANTS);
        WsSignalLink link = new WsSignalLink(socket);
        socket.attribute(LINK, link);
        Room room = rooms.createIfAbsent(grants.room(), 0, "");
        Participant participant = new Participant("PA_" + UUID.randomUUID().toString().substring(0, 12),
                grants.identity(), grants.name(), LivekitModels.ParticipantInfo.Kind.STANDARD, System.currentTimeMillis(),
                grants.permission(), link);
        socket.attribute(PARTICIPANT, participant);
        List<Participant> others = room.join(participant);
        LivekitRtc.JoinResponse.Builder join = LivekitRtc.JoinResponse.newBuilder().setRoom(room.toProto())
                .setParticipant(participant.toProto(LivekitModels.ParticipantInfo.State.JOINED))
                .setServerVersion(SERVER_VERSION).setPingInterval(5).setPingTimeout(15);
        others.forEach(other -> join.addOtherParticipants(other.toProto(LivekitModels.ParticipantInfo.State.JOINED)));
        link.join(LivekitRtc.SignalResponse.newBuilder().setJoin(join).build());
        timer.schedule(() -> joinTimedOut(room, participant), settings.joinTimeoutMillis(), TimeUnit.MILLISECONDS);
    }

    private void onMessage(WsBinaryMessageContext socket) {
        LivekitRtc.SignalRequest request;
        try {
            request = LivekitRtc.SignalRequest.parseFrom(socket.data());
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            return; // LiveKit ignores frames it cannot parse
        }
        WsSignalLink link = socket.attribute(LINK);
        LivekitGrants grants = socket.attribute(GRANTS);
        if (request.hasPingReq()) {
            link.send(LivekitRtc.SignalResponse.newBuilder().setPongResp(LivekitRtc.Pong.newBuilder()
                    .setLastPingTimestamp(request.getPingReq().getTimestamp()).setTimestamp(System.currentTimeMillis())).build());
        } else if (request.hasPing()) {
            link.send(LivekitRtc.SignalResponse.newBuilder().setPong(request.getPing()).build());
        } else if (request.hasLeave()) {
            rooms.find(grants.room()).ifPresent(room -> room.leave(grants.identity(), link));
            media.left(participantSid(socket));
            link.close();
        } else if (StandInMedia.isMedia(request)) {
            media.handle(grants.room(), participantSid(socket), request, link::send, () -> agentIn(grants.room()));
        }
    }

    private Optional<LivekitModels.ParticipantInfo> agentIn(String roomName) {
        return rooms.find(roomName).flatMap(room -> room.participants().stream()
                .filter(p -> p.kind() == LivekitModels.ParticipantInfo.Kind.AGENT).findFirst())
                .map(agent -> agent.toProto(LivekitModels.ParticipantInfo.State.ACTIVE));
    }

    private static String participantSid(io.javalin.websocket.WsContext socket) {
        Participant participant = socket.attribute(PARTICIPANT);
        return participant == null ? "" : participant.sid();
    }

    private void onClose(WsCloseContext socket) {
        LivekitGrants grants = socket.attribute(GRANTS);
        WsSignalLink link = socket.attribute(LINK);
        if (grants != null && link != null) {
            rooms.find(grants.room()).ifPresent(room -> room.leave(grants.identity(), link));
        }
        media.left(participantSid(socket));
    }

    private void joinTimedOut(Room room, Participant participant) {
        if (media.hasMedia(participant.sid())) {
            return; // it became active: media flows
        }
        room.leave(participant.identity(), participant.link()).ifPresent(removed -> {
            removed.link().send(LivekitRtc.SignalResponse.newBuilder().setLeave(LivekitRtc.LeaveRequest.newBuilder()
                    .setReason(LivekitModels.DisconnectReason.JOIN_FAILURE)).build());
            removed.link().close();
        });
    }
}
