package io.stella.harness.config;

import java.util.Set;

/**
 * The scenario, request and probe names a run knows, so that a profile naming anything else is
 * rejected before load instead of silently judging nothing.
 */
public record KnownNames(String simulation, Set<String> scenarios, Set<String> requests, Set<String> probes) {

    /** Probes that write to the target (the database-index probe adds 8,000 sessions): run only when named. */
    public static final Set<String> NAMED_ONLY_PROBES = Set.of("databaseIndexes");

    public KnownNames {
        scenarios = Set.copyOf(scenarios);
        requests = Set.copyOf(requests);
        probes = Set.copyOf(probes);
    }

    /** What a profile without a {@code probes} field runs: every probe but the named-only ones. */
    public Set<String> defaultProbes() {
        return probes.stream().filter(probe -> !NAMED_ONLY_PROBES.contains(probe))
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }
}
