package io.stella.harness.config;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Named settings from the environment and from {@code -D} system properties under the same names
 * ({@code STELLA_BASE_URL}, {@code -DSTELLA_BASE_URL=...}); a system property wins, because it is the
 * more deliberate of the two. Immutable, so tests build one from a map.
 */
public final class Settings {

    private final Map<String, String> values;

    public Settings(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    public static Settings fromSystem() {
        Map<String, String> merged = new HashMap<>(System.getenv());
        System.getProperties().forEach((key, value) -> merged.put(key.toString(), value.toString()));
        return new Settings(merged);
    }

    /** The value, with surrounding blanks removed; an empty value counts as not given. */
    public Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name)).map(String::trim).filter(value -> !value.isEmpty());
    }

    public String getOrDefault(String name, String fallback) {
        return get(name).orElse(fallback);
    }

    /** A whole number within {@code min..max}, or the fallback when not given; anything else is a one-line error naming the setting. */
    public int wholeNumber(String name, int fallback, int min, int max) {
        String text = get(name).orElse(null);
        if (text == null) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below with the rule
        }
        throw new ConfigException(name + ": must be a whole number within " + min + ".." + max + " (was " + text + ")");
    }

    /** true or false, or the fallback when not given; anything else is a one-line error naming the setting. */
    public boolean flag(String name, boolean fallback) {
        String value = get(name).orElse(Boolean.toString(fallback));
        if (!value.equals("true") && !value.equals("false")) {
            throw new ConfigException(name + ": must be true or false (was " + value + ")");
        }
        return Boolean.parseBoolean(value);
    }

    /** Every setting whose name starts with one of the prefixes, for handing on to a process of ours. */
    public Map<String, String> named(java.util.List<String> prefixes) {
        Map<String, String> picked = new HashMap<>();
        values.forEach((name, value) -> {
            if (prefixes.stream().anyMatch(name::startsWith)) {
                picked.put(name, value);
            }
        });
        return picked;
    }
}
