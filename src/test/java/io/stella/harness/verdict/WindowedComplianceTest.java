package io.stella.harness.verdict;

import io.stella.harness.config.Threshold;
import io.stella.harness.latency.GatlingLogListener;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class WindowedComplianceTest {

    static final long START = 1_800_000_000_000L;
    static final Threshold MEDIAN = new Threshold.PercentileLimit("all", 50, 20);
    static final Threshold ERRORS = new Threshold.ErrorRateLimit("all", 1);

    @Test
    void eachTenSecondWindowOfTheSteadyStateIsJudgedOnItsOwn() {
        WindowedCompliance compliance = new WindowedCompliance(List.of(MEDIAN, ERRORS), 5_000, 40_000, 1_000);
        compliance.onRun(new GatlingLogListener.Run("3.15.1", "Sim", START, List.of("s")));
        int[] millisByWindow = {10, 50, 10};
        for (int i = 0; i < 100; i++) {
            request(compliance, 1_000 + i * 10, 500, true); // warm-up: slow, never judged
        }
        for (int window = 0; window < 3; window++) {
            for (int i = 0; i < 100; i++) {
                request(compliance, 5_000 + window * 10_000 + i * 90, millisByWindow[window], true);
            }
        }

        List<WindowedCompliance.Tally> tallies = compliance.tallies();

        assertEquals(new WindowedCompliance.Tally(MEDIAN, 2, 1, 0), tallies.get(0));
        assertEquals(new WindowedCompliance.Tally(ERRORS, 3, 0, 0), tallies.get(1));
        assertEquals(200.0 / 3, tallies.get(0).heldPercent(), 1e-9);
    }

    @Test
    void aWindowIsJudgedOnceNoMoreOfItsRequestsCanArrive() {
        WindowedCompliance compliance = new WindowedCompliance(List.of(ERRORS), 0, 100_000, 1_000);
        compliance.onRun(new GatlingLogListener.Run("3.15.1", "Sim", START, List.of("s")));
        request(compliance, 1_000, 10, false);
        request(compliance, 9_000, 10, true);
        request(compliance, 60_000, 10, true); // far later: window 0 is closed and judged by now

        List<WindowedCompliance.Tally> tallies = compliance.tallies();

        assertEquals(new WindowedCompliance.Tally(ERRORS, 1, 1, 0), tallies.get(0));
    }

    @Test
    void aPartWindowAtTheEndIsNotCounted() {
        WindowedCompliance compliance = new WindowedCompliance(List.of(ERRORS), 0, 15_000, 1_000);
        compliance.onRun(new GatlingLogListener.Run("3.15.1", "Sim", START, List.of("s")));
        request(compliance, 2_000, 10, true);
        request(compliance, 12_000, 10, false); // in the second window, which is only 5 s long

        assertEquals(new WindowedCompliance.Tally(ERRORS, 1, 0, 0), compliance.tallies().get(0));
    }

    private static void request(WindowedCompliance compliance, long startMillis, long latencyMillis, boolean ok) {
        compliance.onRequest(new GatlingLogListener.Request("token", List.of(), START + startMillis,
                START + startMillis + latencyMillis, ok, ok ? "" : "status.find.is(200), found 500"));
    }
}
