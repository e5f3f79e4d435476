package io.stella.harness.config;

import java.util.Set;

/**
 * The scenario and request names a simulation defines, so that a profile naming anything else is
 * rejected before load instead of silently judging nothing.
 */
public record KnownNames(String simulation, Set<String> scenarios, Set<String> requests) {

    public KnownNames {
        scenarios = Set.copyOf(scenarios);
        requests = Set.copyOf(requests);
    }
}
