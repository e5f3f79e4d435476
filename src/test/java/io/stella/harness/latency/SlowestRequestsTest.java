package io.stella.harness.latency;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SlowestRequestsTest {

    @Test
    void eachNameKeepsItsFiveSlowestSlowestFirstWithTheirTraceIds() {
        SlowestRequests slowest = new SlowestRequests();
        for (int i = 0; i < 100; i++) {
            slowest.record("createSession", String.format("%032x", i), 1_764_547_200_000L + i, (i * 37) % 100);
        }
        slowest.record("token", "t".repeat(32), 1_764_547_200_000L, 3);

        List<SlowestRequests.Slow> kept = slowest.slowest().get("createSession");

        assertEquals(List.of(99L, 98L, 97L, 96L, 95L), kept.stream().map(SlowestRequests.Slow::latencyMillis).toList());
        // 37 * i % 100 == 99 for i = 27
        assertEquals(String.format("%032x", 27), kept.get(0).traceId());
        assertEquals("2025-12-01T00:00:00.027Z", kept.get(0).startedAt());
        assertEquals(List.of("createSession", "token"), List.copyOf(slowest.slowest().keySet()));
    }
}
