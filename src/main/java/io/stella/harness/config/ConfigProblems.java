package io.stella.harness.config;

import java.util.ArrayList;
import java.util.List;

/** Collects every problem of one source (a file, the environment) so the user sees them all at once. */
final class ConfigProblems {

    private final String source;
    private final List<String> lines = new ArrayList<>();

    ConfigProblems(String source) {
        this.source = source;
    }

    void add(String jsonPointer, String rule) {
        lines.add(source + ": " + jsonPointer + " " + rule);
    }

    /** Adds the problem unless the rule holds; returns whether it held. */
    boolean require(boolean holds, String jsonPointer, String rule) {
        if (!holds) {
            add(jsonPointer, rule);
        }
        return holds;
    }

    /** Takes over another source's problems (a file this one refers to), each still naming its own file. */
    void absorb(ConfigProblems other) {
        lines.addAll(other.lines);
    }

    void throwIfAny() {
        if (!lines.isEmpty()) {
            throw new ConfigException(lines);
        }
    }
}
