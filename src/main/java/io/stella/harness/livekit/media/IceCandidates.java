package io.stella.harness.livekit.media;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCPeerConnection;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Trickle ICE for one peer connection: candidates travel as the JSON of a browser's
 * {@code RTCIceCandidateInit} ({@code candidate}, {@code sdpMid}, {@code sdpMLineIndex}), as LiveKit
 * sends them; those that arrive before the remote description is set wait for it.
 */
public final class IceCandidates {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RTCPeerConnection connection;
    private final List<RTCIceCandidate> early = new ArrayList<>();
    private boolean remoteDescriptionSet;

    public IceCandidates(RTCPeerConnection connection) {
        this.connection = connection;
    }

    public static String toJson(RTCIceCandidate candidate) {
        ObjectNode init = JSON.createObjectNode();
        init.put("candidate", candidate.sdp);
        init.put("sdpMid", candidate.sdpMid);
        init.put("sdpMLineIndex", candidate.sdpMLineIndex);
        return init.toString();
    }

    /** The candidate in a trickle message; an {@link IllegalArgumentException} names what is wrong with it. */
    public static RTCIceCandidate fromJson(String candidateInit) {
        try {
            JsonNode init = JSON.readTree(candidateInit);
            if (init == null || !init.path("candidate").isTextual()) {
                throw new IllegalArgumentException("a trickle candidate without \"candidate\": " + candidateInit);
            }
            return new RTCIceCandidate(init.path("sdpMid").asText("0"), init.path("sdpMLineIndex").asInt(0),
                    init.get("candidate").asText());
        } catch (IOException e) {
            throw new IllegalArgumentException("a trickle candidate that is not JSON: " + candidateInit);
        }
    }

    /** Adds a remote candidate now, or once the remote description is set. */
    public synchronized void add(RTCIceCandidate candidate) {
        if (remoteDescriptionSet) {
            connection.addIceCandidate(candidate);
        } else {
            early.add(candidate);
        }
    }

    public synchronized void remoteDescriptionSet() {
        remoteDescriptionSet = true;
        early.forEach(connection::addIceCandidate);
        early.clear();
    }
}
