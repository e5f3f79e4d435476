package io.stella.harness.config;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Given a URL's host as written, expect loopback only for localhost, 127.0.0.0/8 and ::1, never by lookup. */
class LoopbackHostsTest {

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "LocalHost", "127.0.0.1", "127.255.0.9", "[::1]", "::1", "[0:0:0:0:0:0:0:1]"})
    void theseAreThisMachine(String host) {
        assertTrue(LoopbackHosts.isLoopback(host), host);
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.1", "stella.example", "localhost.example.com", "127.0.0.1.nip.io", "127.0.0.256",
            "128.0.0.1", "0.0.0.0", "[::2]", "stella-staging.example", ""})
    void theseAreNot(String host) {
        assertFalse(LoopbackHosts.isLoopback(host), host);
    }
}
