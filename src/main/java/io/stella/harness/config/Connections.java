package io.stella.harness.config;

import java.util.Arrays;
import java.util.Optional;

/**
 * How virtual users hold their HTTP connections: the profile's {@code connections} field.
 */
public enum Connections {

    /**
     * Each arriving user opens its own connections and closes them when it is done, as a separate
     * client device does: the target's connection accepts (and TLS handshakes) are part of what is
     * measured. Gatling's default, and ours.
     */
    PER_USER("perUser"),

    /**
     * All users share one pool of keep-alive connections, as clients behind a load balancer or proxy
     * reach a backend, and as wrk holds its connections: the target's request handling alone, at a
     * fraction of the injector's and the target's CPU per request.
     */
    SHARED("shared");

    public static final Connections DEFAULT = PER_USER;

    private final String profileName;

    Connections(String profileName) {
        this.profileName = profileName;
    }

    public String profileName() {
        return profileName;
    }

    static Optional<Connections> named(String profileName) {
        return Arrays.stream(values()).filter(mode -> mode.profileName.equals(profileName)).findFirst();
    }
}
