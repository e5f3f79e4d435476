package io.stella.harness.reference.livekit.media;

import dev.onvoid.webrtc.RTCIceCandidate;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The stand-in is a loopback target and its media stays on loopback: it offers its sockets (bound
 * to the wildcard address) as 127.0.0.1 and never sends a connectivity check to anything else.
 */
final class LoopbackCandidates {

    // candidate:<foundation> <component> <transport> <priority> <address> <port> typ ...
    private static final Pattern ADDRESS = Pattern.compile("^(candidate:\\S+ \\d+ (?i:udp) \\d+ )(\\S+)( \\d+ typ .*)$");

    private LoopbackCandidates() {
    }

    /** Our own UDP IPv4 candidate, readdressed to 127.0.0.1; empty for any other (IPv6, TCP). */
    static Optional<RTCIceCandidate> advertised(RTCIceCandidate own) {
        Matcher matcher = ADDRESS.matcher(own.sdp);
        if (!matcher.matches() || matcher.group(2).contains(":")) {
            return Optional.empty();
        }
        return Optional.of(new RTCIceCandidate(own.sdpMid, own.sdpMLineIndex,
                matcher.group(1) + "127.0.0.1" + matcher.group(3)));
    }

    /** Whether a client's candidate may be checked: only one on 127.0.0.1. */
    static boolean reachable(RTCIceCandidate remote) {
        Matcher matcher = ADDRESS.matcher(remote.sdp);
        return matcher.matches() && matcher.group(2).equals("127.0.0.1");
    }
}
