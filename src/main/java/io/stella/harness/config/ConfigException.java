package io.stella.harness.config;

import java.util.List;

/**
 * A user's mistake in a profile, a target setting or a flag. Each problem is one line of the form
 * {@code simulations/load.json: /thresholds/createSession/maxMillisAtPercentile/99 must be > 0 (was -5)}
 * so that it can be printed without a stack trace.
 */
public final class ConfigException extends RuntimeException {

    private final List<String> problems;

    public ConfigException(List<String> problems) {
        super(String.join(System.lineSeparator(), problems), null, false, false);
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    public ConfigException(String problem) {
        this(List.of(problem));
    }

    public List<String> problems() {
        return problems;
    }
}
