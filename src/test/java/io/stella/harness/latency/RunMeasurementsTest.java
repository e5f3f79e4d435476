package io.stella.harness.latency;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class RunMeasurementsTest {

    static final long START = 1_800_000_000_000L;

    @Test
    void requestsStartedDuringWarmUpCountForTheWholeRunButNotForTheVerdict() {
        RunMeasurements measurements = new RunMeasurements(5_000, null);
        measurements.onRun(new GatlingLogListener.Run("3.15.1", "Sim", START, List.of("s")));

        measurements.onRequest(request("token", START + 1_000, 300, true, ""));   // warm-up
        measurements.onRequest(request("token", START + 4_999, 200, true, ""));   // warm-up
        measurements.onRequest(request("token", START + 5_000, 7, true, ""));     // measured
        measurements.onRequest(request("token", START + 9_000, 9, false, "status.find.is(200), found 503"));

        RequestStats token = measurements.lookup("token");
        assertEquals(4, token.wholeRun().count());
        assertEquals(2, token.measured().count());
        assertEquals(1, token.measured().errorCount());
        assertEquals(50.0, token.measured().errorPercent(), 1e-9);
        assertEquals(1L, token.measured().errorsByKind().get(ErrorKind.HTTP_5XX));
        assertEquals(9.0, token.measured().maxMillis(), 1e-9);
        assertEquals(300.0, token.wholeRun().maxMillis(), 1e-9);
        assertEquals(4, measurements.all().wholeRun().count());
        assertEquals(1L, measurements.errorMessages().get("token: status.find.is(200), found 503"));
    }

    @Test
    void aRequestNameThatNeverRanHasNoStats() {
        RunMeasurements measurements = new RunMeasurements(0, null);
        measurements.onRun(new GatlingLogListener.Run("3.15.1", "Sim", START, List.of("s")));

        assertNull(measurements.lookup("createSession"));
        assertEquals(0, measurements.lookup("all").measured().count());
    }

    private static GatlingLogListener.Request request(String name, long start, long millis, boolean ok, String message) {
        return new GatlingLogListener.Request(name, List.of(), start, start + millis, ok, message);
    }
}
