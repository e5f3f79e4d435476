package io.stella.harness.livekit.packet;

import org.ice4j.Transport;
import org.ice4j.ice.Component;
import org.ice4j.ice.HostCandidate;
import org.ice4j.ice.LocalCandidate;
import org.ice4j.ice.harvest.CandidateHarvester;
import org.ice4j.ice.harvest.HarvestStatistics;
import org.ice4j.socket.IceSocketWrapper;
import org.ice4j.socket.IceUdpSocketWrapper;
import org.ice4j.socket.MultiplexingDatagramSocket;

import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.SocketException;
import java.util.Collection;
import java.util.List;

/**
 * One UDP host candidate on 127.0.0.1 per component: ice4j's own host harvester never offers a
 * loopback address, and the harness sends media to loopback targets only. Registered as ice4j's
 * harvester does it (the STUN stack listens on the socket, the component socket merges it).
 */
final class LoopbackHostHarvester implements CandidateHarvester {

    private final HarvestStatistics statistics = new HarvestStatistics();

    @Override
    public Collection<LocalCandidate> harvest(Component component) {
        try {
            IceSocketWrapper socket = new IceUdpSocketWrapper(new MultiplexingDatagramSocket(0, InetAddress.getLoopbackAddress()));
            HostCandidate candidate = new HostCandidate(socket, component, Transport.UDP);
            component.addLocalCandidate(candidate);
            candidate.getStunStack().addSocket(candidate.getStunSocket(null));
            if (component.getComponentSocket() != null) {
                component.getComponentSocket().add((MultiplexingDatagramSocket) socket.getUDPSocket());
            }
            return List.of(candidate);
        } catch (SocketException e) {
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
