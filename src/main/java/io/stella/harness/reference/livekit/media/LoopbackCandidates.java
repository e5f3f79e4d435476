package io.stella.harness.reference.livekit.media;

import dev.onvoid.webrtc.RTCIceCandidate;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The stand-in is a loopback target and its media stays on loopback: it offers its sockets (bound
 * to the wildcard address) as 127.0.0.1 and never sends a connectivity check to anything else.
 * Candidates travel in session descriptions too (an offer or answer made after gathering carries
 * every candidate gathered so far), so the same rules apply to them there.
 */
final class LoopbackCandidates {

    // candidate:<foundation> <component> <transport> <priority> <address> <port> typ ...
    private static final Pattern ADDRESS = Pattern.compile("^(candidate:\\S+ \\d+ (?i:udp) \\d+ )(\\S+)( \\d+ typ .*)$");
    private static final Pattern LINE_BREAK = Pattern.compile("\r?\n");
    private static final String CANDIDATE_LINE = "a=candidate:";

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
        return reachable(remote.sdp);
    }

    /** Our own session description as the client is to see it: its candidates as {@link #advertised} gives them. */
    static String advertisedOnly(String ownSdp) {
        return join(lines(ownSdp).map(line -> !line.startsWith(CANDIDATE_LINE) ? line
                : advertised(new RTCIceCandidate("", 0, line.substring(2))).map(loopback -> "a=" + loopback.sdp).orElse(null)));
    }

    /** A client's session description without the candidates that may not be checked (a browser lists all its interfaces'). */
    static String reachableOnly(String clientSdp) {
        return join(lines(clientSdp).map(line -> !line.startsWith(CANDIDATE_LINE) || reachable(line.substring(2)) ? line : null));
    }

    private static boolean reachable(String candidate) {
        Matcher matcher = ADDRESS.matcher(candidate);
        return matcher.matches() && matcher.group(2).equals("127.0.0.1");
    }

    private static Stream<String> lines(String sdp) {
        return LINE_BREAK.splitAsStream(sdp).filter(line -> !line.isEmpty());
    }

    private static String join(Stream<String> lines) {
        return lines.filter(Objects::nonNull).map(line -> line + "\r\n").collect(Collectors.joining());
    }
}
