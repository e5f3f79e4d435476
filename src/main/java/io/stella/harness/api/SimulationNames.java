package io.stella.harness.api;

import io.stella.harness.config.KnownNames;
import io.stella.harness.signoff.probes.Probes;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * The scenario and request names a simulation uses, so that a profile naming anything else (a mix,
 * a threshold, an abort rule) is refused before any load instead of silently judging nothing. The
 * checklist probes are all available unless {@link #withoutProbes()} says otherwise.
 *
 * <pre>{@code SimulationNames.scenarios(BROWSE).requests(HEALTHZ, LIST_SESSIONS)}</pre>
 */
public record SimulationNames(Set<String> scenarios, Set<String> requests, Set<String> probes) {

    public SimulationNames {
        scenarios = Set.copyOf(scenarios);
        requests = Set.copyOf(requests);
        probes = Set.copyOf(probes);
    }

    public static SimulationNames scenarios(String... scenarios) {
        return new SimulationNames(Set.of(scenarios), Set.of(), Probes.names());
    }

    /** The requests' names as the simulation writes them in {@code http(...)} and {@code ws(...)}, plus any it times itself. */
    public SimulationNames requests(String... more) {
        return requests(Arrays.asList(more));
    }

    public SimulationNames requests(java.util.Collection<String> more) {
        Set<String> all = new HashSet<>(requests);
        all.addAll(more);
        return new SimulationNames(scenarios, all, probes);
    }

    /** For a simulation that measures the harness itself rather than a target's readiness. */
    public SimulationNames withoutProbes() {
        return new SimulationNames(scenarios, requests, Set.of());
    }

    public KnownNames forSimulation(String simulation) {
        return new KnownNames(simulation, scenarios, requests, probes);
    }
}
