package io.stella.harness.livekit;

import com.google.protobuf.InvalidProtocolBufferException;
import livekit.LivekitModels;
import livekit.LivekitRtc;

import java.util.List;
import java.util.Optional;

/**
 * LiveKit signaling frames as a client sends and reads them, built and parsed with the SDK's
 * protobuf classes ({@code LivekitRtc.SignalRequest} out, {@code SignalResponse} in).
 */
public final class SignalFrames {

    /** The signaling protocol version the harness speaks, as LiveKit's client SDKs send it. */
    public static final int PROTOCOL = 17;

    private SignalFrames() {
    }

    public static byte[] pingRequest(long timestampMillis) {
        return LivekitRtc.SignalRequest.newBuilder()
                .setPingReq(LivekitRtc.Ping.newBuilder().setTimestamp(timestampMillis)).build().toByteArray();
    }

    public static byte[] leave() {
        return LivekitRtc.SignalRequest.newBuilder().setLeave(LivekitRtc.LeaveRequest.newBuilder()
                .setReason(LivekitModels.DisconnectReason.CLIENT_INITIATED)).build().toByteArray();
    }

    public static boolean isJoin(byte[] frame) {
        return parse(frame).map(LivekitRtc.SignalResponse::hasJoin).orElse(false);
    }

    public static boolean isPong(byte[] frame) {
        return parse(frame).map(LivekitRtc.SignalResponse::hasPongResp).orElse(false);
    }

    /** A JoinResponse that already lists an agent among the other participants. */
    public static boolean agentInJoin(byte[] frame) {
        return parse(frame).filter(LivekitRtc.SignalResponse::hasJoin)
                .map(response -> containsAgent(response.getJoin().getOtherParticipantsList())).orElse(false);
    }

    /** A frame that shows an agent in the room: a join listing one, or an update of one that has not left. */
    public static boolean revealsAgent(byte[] frame) {
        return parse(frame).map(response -> response.hasJoin()
                ? containsAgent(response.getJoin().getOtherParticipantsList())
                : response.hasUpdate() && response.getUpdate().getParticipantsList().stream().anyMatch(p ->
                        p.getKind() == LivekitModels.ParticipantInfo.Kind.AGENT
                                && p.getState() != LivekitModels.ParticipantInfo.State.DISCONNECTED)).orElse(false);
    }

    private static boolean containsAgent(List<LivekitModels.ParticipantInfo> participants) {
        return participants.stream().anyMatch(p -> p.getKind() == LivekitModels.ParticipantInfo.Kind.AGENT);
    }

    /** The frame as a SignalResponse; anything else (garbage, another message) is empty. */
    private static Optional<LivekitRtc.SignalResponse> parse(byte[] frame) {
        try {
            return Optional.of(LivekitRtc.SignalResponse.parseFrom(frame));
        } catch (InvalidProtocolBufferException e) {
            return Optional.empty();
        }
    }
}
