package io.stella.harness.simulations;

import com.google.protobuf.InvalidProtocolBufferException;
import io.gatling.http.action.ws.WsInboundMessage;
import livekit.LivekitModels;
import livekit.LivekitRtc;

import java.util.List;
import java.util.Optional;

/**
 * LiveKit signaling frames for Gatling's WebSocket checks, built and read with the SDK's protobuf
 * classes ({@code LivekitRtc.SignalRequest} out, {@code SignalResponse} in).
 */
final class SignalFrames {

    /** The signaling protocol version the harness speaks, as LiveKit's client SDKs send it. */
    static final int PROTOCOL = 15;

    private SignalFrames() {
    }

    static byte[] pingRequest(long timestampMillis) {
        return LivekitRtc.SignalRequest.newBuilder()
                .setPingReq(LivekitRtc.Ping.newBuilder().setTimestamp(timestampMillis)).build().toByteArray();
    }

    static byte[] leave() {
        return LivekitRtc.SignalRequest.newBuilder().setLeave(LivekitRtc.LeaveRequest.newBuilder()
                .setReason(LivekitModels.DisconnectReason.CLIENT_INITIATED)).build().toByteArray();
    }

    static boolean isJoin(byte[] frame) {
        return parse(frame).map(LivekitRtc.SignalResponse::hasJoin).orElse(false);
    }

    static boolean isPong(byte[] frame) {
        return parse(frame).map(LivekitRtc.SignalResponse::hasPongResp).orElse(false);
    }

    /** A JoinResponse that already lists an agent among the other participants. */
    static boolean agentInJoin(byte[] frame) {
        return parse(frame).filter(LivekitRtc.SignalResponse::hasJoin)
                .map(response -> containsAgent(response.getJoin().getOtherParticipantsList())).orElse(false);
    }

    /** A frame that shows an agent in the room: a join listing one, or an update of one joining. */
    static boolean revealsAgent(byte[] frame) {
        return parse(frame).map(response -> response.hasJoin()
                ? containsAgent(response.getJoin().getOtherParticipantsList())
                : response.hasUpdate() && response.getUpdate().getParticipantsList().stream().anyMatch(p ->
                        p.getKind() == LivekitModels.ParticipantInfo.Kind.AGENT
                                && p.getState() != LivekitModels.ParticipantInfo.State.DISCONNECTED)).orElse(false);
    }

    /** When the first buffered frame that shows the agent arrived, if one did. */
    static Optional<Long> agentArrival(List<WsInboundMessage> unmatched) {
        return unmatched.stream().filter(WsInboundMessage.Binary.class::isInstance).map(WsInboundMessage.Binary.class::cast)
                .filter(message -> revealsAgent(message.message())).map(WsInboundMessage::timestamp).findFirst();
    }

    private static boolean containsAgent(List<LivekitModels.ParticipantInfo> participants) {
        return participants.stream().anyMatch(p -> p.getKind() == LivekitModels.ParticipantInfo.Kind.AGENT);
    }

    private static Optional<LivekitRtc.SignalResponse> parse(byte[] frame) {
        try {
            return Optional.of(LivekitRtc.SignalResponse.parseFrom(frame));
        } catch (InvalidProtocolBufferException e) {
            return Optional.empty();
        }
    }
}
