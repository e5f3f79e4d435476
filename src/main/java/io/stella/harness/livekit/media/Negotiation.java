package io.stella.harness.livekit.media;

import dev.onvoid.webrtc.CreateSessionDescriptionObserver;
import dev.onvoid.webrtc.RTCAnswerOptions;
import dev.onvoid.webrtc.RTCOfferOptions;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCSdpType;
import dev.onvoid.webrtc.RTCSessionDescription;
import dev.onvoid.webrtc.SetSessionDescriptionObserver;
import livekit.LivekitRtc;

import java.util.concurrent.CompletableFuture;

/** Offer and answer on a peer connection as futures, in the order every WebRTC client runs them. */
public final class Negotiation {

    private Negotiation() {
    }

    /** Creates an offer and sets it as the local description; the offer to send. */
    public static CompletableFuture<RTCSessionDescription> offer(RTCPeerConnection connection) {
        CompletableFuture<RTCSessionDescription> created = new CompletableFuture<>();
        connection.createOffer(new RTCOfferOptions(), observer(created));
        return created.thenCompose(offer -> setLocal(connection, offer).thenApply(done -> offer));
    }

    /** Sets the remote offer, answers it and sets the answer as local; the answer to send. */
    public static CompletableFuture<RTCSessionDescription> answer(RTCPeerConnection connection, String offerSdp) {
        return setRemote(connection, new RTCSessionDescription(RTCSdpType.OFFER, offerSdp)).thenCompose(done -> {
            CompletableFuture<RTCSessionDescription> created = new CompletableFuture<>();
            connection.createAnswer(new RTCAnswerOptions(), observer(created));
            return created;
        }).thenCompose(answer -> setLocal(connection, answer).thenApply(done -> answer));
    }

    public static CompletableFuture<Void> setRemote(RTCPeerConnection connection, RTCSessionDescription description) {
        CompletableFuture<Void> set = new CompletableFuture<>();
        connection.setRemoteDescription(description, setObserver(set));
        return set;
    }

    private static CompletableFuture<Void> setLocal(RTCPeerConnection connection, RTCSessionDescription description) {
        CompletableFuture<Void> set = new CompletableFuture<>();
        connection.setLocalDescription(description, setObserver(set));
        return set;
    }

    /** A description as LiveKit's signaling carries it ({@code "offer"} or {@code "answer"} and the SDP). */
    public static LivekitRtc.SessionDescription toSignal(RTCSessionDescription description) {
        return LivekitRtc.SessionDescription.newBuilder().setType(description.sdpType.name().toLowerCase())
                .setSdp(description.sdp).build();
    }

    private static CreateSessionDescriptionObserver observer(CompletableFuture<RTCSessionDescription> created) {
        return new CreateSessionDescriptionObserver() {
            @Override
            public void onSuccess(RTCSessionDescription description) {
                created.complete(description);
            }

            @Override
            public void onFailure(String error) {
                created.completeExceptionally(new IllegalStateException(error));
            }
        };
    }

    private static SetSessionDescriptionObserver setObserver(CompletableFuture<Void> set) {
        return new SetSessionDescriptionObserver() {
            @Override
            public void onSuccess() {
                set.complete(null);
            }

            @Override
            public void onFailure(String error) {
                set.completeExceptionally(new IllegalStateException(error));
            }
        };
    }
}
