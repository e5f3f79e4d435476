package io.stella.harness.config;

import java.util.Set;

/**
 * The scenario, request and probe names a run knows, so that a profile naming anything else is
 * rejected before load instead of silently judging nothing.
 */
public record KnownNames(String simulation, Set<String> scenarios, Set<String> requests, Set<String> probes) {

    public KnownNames {
        scenarios = Set.copyOf(scenarios);
        requests = Set.copyOf(requests);
        probes = Set.copyOf(probes);
    }

    /**
     * Whether the simulation times its requests live as well (not only through Gatling's log), which a
     * degradation phase needs to know the knee while the run is still going.
     */
    public boolean measuresLive() {
        return "BackendApiSimulation".equals(simulation);
    }
}
