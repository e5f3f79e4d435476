package io.stella.harness.livekit.packet;

import org.ice4j.Transport;
import org.ice4j.TransportAddress;
import org.ice4j.ice.Agent;
import org.ice4j.ice.CandidatePair;
import org.ice4j.ice.CandidateType;
import org.ice4j.ice.Component;
import org.ice4j.ice.IceMediaStream;
import org.ice4j.ice.IceProcessingState;
import org.ice4j.ice.KeepAliveStrategy;
import org.ice4j.ice.LocalCandidate;
import org.ice4j.ice.RemoteCandidate;

import java.beans.PropertyChangeEvent;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ICE for one connection with Jitsi's ice4j: one stream, one component (BUNDLE and rtcp-mux, as
 * WebRTC has it), host candidates on 127.0.0.1, remote candidates from the description and by
 * trickle. {@link #connected()} completes once a pair is selected; from then on, what is not STUN
 * goes to the listener of {@link #listen}, on the socket's one reader thread ({@link LoopbackSocket}).
 */
final class IcePeer implements AutoCloseable {

    // candidate:<foundation> <component> <transport> <priority> <address> <port> typ <type> ...
    private static final Pattern CANDIDATE = Pattern.compile(
            "^(?:a=)?candidate:(\\S+) (\\d+) (\\S+) (\\d+) (\\S+) (\\d+) typ (\\S+).*$");

    /** Held so that their levels stay set: java.util.logging keeps loggers only weakly. */
    private static final List<java.util.logging.Logger> QUIETED = List.of(java.util.logging.Logger.getLogger("org.ice4j"),
            java.util.logging.Logger.getLogger("org.jitsi"));

    static {
        // No AWS metadata probe (a 500 ms connect to 169.254.169.254 on the first agent): never on loopback.
        System.setProperty("ice4j.harvest.mapping.aws.enabled", "false");
        // Checks stop once a pair is selected. ice4j's default waits 3 s first (RFC 8445 allows it), its pace maker
        // waking two threads every 20 ms all that time: with calls arriving at 4 a second that was 15% of a core.
        // Its check server still answers the peer's checks and consent requests until the connection is closed.
        System.setProperty("ice4j.ice.termination-delay", "0");
        // ice4j tells every candidate and check at INFO: with hundreds of calls, only trouble is worth a line.
        QUIETED.forEach(logger -> logger.setLevel(java.util.logging.Level.WARNING));
    }

    private final Agent agent = new Agent();
    private final LoopbackHostHarvester harvester = new LoopbackHostHarvester();
    private final IceMediaStream stream;
    private final Component component;
    private final CompletableFuture<Void> connected = new CompletableFuture<>();
    private volatile boolean started;

    /** @param controlling whether we nominate the pair (the offerer, or anyone facing an ICE-lite peer) */
    IcePeer(boolean controlling) throws IOException {
        agent.setUseDynamicPorts(false);
        agent.addCandidateHarvester(harvester);
        agent.setControlling(controlling);
        agent.addStateChangeListener(this::stateChanged);
        stream = agent.createMediaStream("audio");
        component = agent.createComponent(stream, KeepAliveStrategy.SELECTED_ONLY, false);
    }

    String ufrag() {
        return agent.getLocalUfrag();
    }

    String password() {
        return agent.getLocalPassword();
    }

    void setControlling(boolean controlling) {
        agent.setControlling(controlling);
    }

    /** Our candidates as SDP attribute values ({@code candidate:...}, without "a="). */
    List<String> candidates() {
        return component.getLocalCandidates().stream().map(this::line).toList();
    }

    private String line(LocalCandidate candidate) {
        TransportAddress address = candidate.getTransportAddress();
        return "candidate:" + candidate.getFoundation() + " 1 udp " + candidate.getPriority() + " "
                + address.getHostAddress() + " " + address.getPort() + " typ host generation 0 ufrag " + ufrag();
    }

    /** The other side's credentials and the candidates its description carried; checks begin. */
    synchronized void start(String remoteUfrag, String remotePassword, List<String> remoteCandidates) {
        stream.setRemoteUfrag(remoteUfrag);
        stream.setRemotePassword(remotePassword);
        remoteCandidates.forEach(line -> remote(line, false));
        agent.startConnectivityEstablishment();
        started = true;
    }

    /** A trickled candidate: only UDP over IPv4 to 127.0.0.1 is ever checked (tests reach loopback only). */
    synchronized void addRemoteCandidate(String line) {
        remote(line, started);
    }

    private void remote(String line, boolean checksRunning) {
        Matcher matcher = CANDIDATE.matcher(line.trim());
        if (!matcher.matches() || !matcher.group(3).toLowerCase(Locale.ROOT).equals("udp") || !matcher.group(2).equals("1")
                || !matcher.group(5).equals("127.0.0.1") || !matcher.group(7).equals("host")) {
            return;
        }
        RemoteCandidate candidate = new RemoteCandidate(
                new TransportAddress(matcher.group(5), Integer.parseInt(matcher.group(6)), Transport.UDP), component,
                CandidateType.HOST_CANDIDATE, matcher.group(1), Long.parseLong(matcher.group(4)), null);
        if (checksRunning) {
            component.addUpdateRemoteCandidates(candidate);
            component.updateRemoteCandidates();
        } else {
            component.addRemoteCandidate(candidate);
        }
    }

    private void stateChanged(PropertyChangeEvent event) {
        if (!Agent.PROPERTY_ICE_PROCESSING_STATE.equals(event.getPropertyName())) {
            return;
        }
        IceProcessingState state = (IceProcessingState) event.getNewValue();
        if (state == IceProcessingState.COMPLETED || state == IceProcessingState.TERMINATED) {
            connected.complete(null);
        } else if (state == IceProcessingState.FAILED) {
            connected.completeExceptionally(new IOException("ICE failed: no candidate pair answered"));
        }
    }

    CompletableFuture<Void> connected() {
        return connected;
    }

    /** ice4j's processing state: TERMINATED once it sends no more checks of its own. */
    IceProcessingState state() {
        return agent.getState();
    }

    /** Sends one datagram on the selected pair. */
    void send(byte[] data, int offset, int length) throws IOException {
        component.send(data, offset, length);
    }

    /** Once {@link #connected()}: every datagram that is not STUN, those that came before included. */
    void listen(LoopbackSocket.Listener listener) throws IOException {
        LoopbackSocket socket = harvester.socket();
        if (socket == null) {
            throw new IOException("no candidate was harvested");
        }
        socket.listen(listener);
    }

    /** Whether a datagram came from the other end of the selected pair (anything else on the socket is a stranger's). */
    boolean fromPeer(InetSocketAddress from) {
        CandidatePair selected = component.getSelectedPair();
        return selected != null && selected.getRemoteCandidate().getTransportAddress().equals(from);
    }

    @Override
    public void close() {
        agent.free();
    }
}
