package io.stella.harness.livekit.packet;

import org.ice4j.Transport;
import org.ice4j.TransportAddress;
import org.ice4j.ice.Component;
import org.ice4j.ice.HostCandidate;
import org.ice4j.ice.LocalCandidate;
import org.ice4j.ice.harvest.CandidateHarvester;
import org.ice4j.ice.harvest.HarvestStatistics;
import org.ice4j.socket.IceSocketWrapper;
import org.ice4j.socket.IceUdpSocketWrapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.List;

/**
 * One UDP host candidate on 127.0.0.1 per component: ice4j's own host harvester never offers a
 * loopback address, and the harness sends media to loopback targets only. Its socket is a
 * {@link LoopbackSocket}: the STUN stack listens on its ice side, the connection on the rest.
 * For a component without a socket of its own (ice4j's would merge every packet through one more
 * thread).
 */
final class LoopbackHostHarvester implements CandidateHarvester {

    private final HarvestStatistics statistics = new HarvestStatistics();
    private volatile LoopbackSocket socket;

    /** The socket of the candidate harvested, or null before the harvest. */
    LoopbackSocket socket() {
        return socket;
    }

    @Override
    public Collection<LocalCandidate> harvest(Component component) {
        try {
            LoopbackSocket harvested = new LoopbackSocket();
            IceSocketWrapper iceSide = new IceUdpSocketWrapper(harvested.iceSide());
            HostCandidate candidate = new HostCandidate(iceSide, component, Transport.UDP) {
                @Override
                public IceSocketWrapper getStunSocket(TransportAddress serverAddress) {
                    return iceSide; // ice4j's own asks for a multiplexing socket
                }
            };
            component.addLocalCandidate(candidate);
            candidate.getStunStack().addSocket(iceSide);
            socket = harvested;
            return List.of(candidate);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a UDP socket on 127.0.0.1: " + e.getMessage(), e);
        }
    }

    @Override
    public HarvestStatistics getHarvestStatistics() {
        return statistics;
    }

    @Override
    public boolean isHostHarvester() {
        return true;
    }
}
