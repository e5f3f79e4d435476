package io.stella.harness.reference;

import io.stella.harness.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InjectedFaultsTest {

    static InjectedFaults latency(String spec) {
        return InjectedFaults.parse("L", spec, "S", null, "E", null);
    }

    @Test
    void aSingleDelayAppliesToEveryAnswer() {
        InjectedFaults faults = latency("20ms");
        assertEquals(List.of(new InjectedFaults.WeightedDelay(100, 20)), faults.latencyMix());
        for (int i = 0; i < 100; i++) {
            assertEquals(20_000, faults.delayMicros(0));
        }
    }

    @Test
    void aMixDrawsEachDelayAtItsWeight() {
        InjectedFaults faults = latency("98%:10ms,2%:200ms");
        int draws = 100_000;
        int slow = 0;
        for (int i = 0; i < draws; i++) {
            long micros = faults.delayMicros(0);
            assertTrue(micros == 10_000 || micros == 200_000, "drew " + micros);
            if (micros == 200_000) {
                slow++;
            }
        }
        // 2% of 100,000 is 2,000 with a standard deviation of about 44: six of them either side.
        assertTrue(slow > 1_730 && slow < 2_270, "slow draws: " + slow);
    }

    @Test
    void aStallHoldsEverythingArrivingInsideItUntilItEnds() {
        InjectedFaults faults = InjectedFaults.parse("L", null, "S", "1000ms/10s", "E", null);
        assertEquals(1_000_000, faults.delayMicros(20_000));
        assertEquals(400_000, faults.delayMicros(20_600));
        assertEquals(0, faults.delayMicros(21_000));
        assertEquals(0, faults.delayMicros(29_999));
    }

    @Test
    void faultsDescribeThemselvesAsTheyAreWritten() {
        assertEquals("added latency 98%:10ms,2%:200ms; stall 1000ms/10s; errors 1.5%",
                InjectedFaults.parse("L", "98%:10ms,2%:200ms", "S", "1000ms/10s", "E", "1.5").describe());
        assertEquals("none", InjectedFaults.NONE.describe());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            20         | L: must read like 20ms or 98%:10ms,2%:200ms or lognormal(20ms,0.5) (was 20)
            50%:10ms   | L: the weights must add up to 100% (they add up to 50.0%)
            98%:10ms,x | L: must read like 20ms or 98%:10ms,2%:200ms or lognormal(20ms,0.5) (was 98%:10ms,x)
            """)
    void aBadLatencySpecIsOneClearLine(String spec, String expected) {
        assertEquals(expected, assertThrows(ConfigException.class, () -> latency(spec)).getMessage());
    }

    @Test
    void aBadStallOrErrorShareIsOneClearLine() {
        assertEquals("S: the stall must be shorter than its period (was 10000ms/10s)", assertThrows(ConfigException.class,
                () -> InjectedFaults.parse("L", null, "S", "10000ms/10s", "E", null)).getMessage());
        assertEquals("E: must be a percentage within 0..100 (was 120)", assertThrows(ConfigException.class,
                () -> InjectedFaults.parse("L", null, "S", null, "E", "120")).getMessage());
    }

    @Test
    void aBrokenAnswerIsNamedAsWrittenAndAnUnknownOneListsTheKnown() {
        assertEquals(BrokenAnswers.HUGE_BODY, BrokenAnswers.parse("huge-body"));
        assertEquals("broken answers to listing sessions: huge-body",
                InjectedFaults.NONE.withBrokenAnswer(BrokenAnswers.HUGE_BODY).describe());
        assertEquals("REFERENCE_BROKEN_ANSWER: must be one of none, garbage-json, wrong-content-type, huge-body, trickle, reset,"
                + " stall (was garbage)", assertThrows(ConfigException.class, () -> BrokenAnswers.parse("garbage")).getMessage());
    }

    @Test
    void aLognormalDelayHasTheMedianAndSpreadItWasGiven() {
        InjectedFaults faults = InjectedFaults.parse("L", "lognormal(20ms,0.5)", "S", null, "E", null);
        double[] millis = new double[20_001];
        for (int i = 0; i < millis.length; i++) {
            millis[i] = faults.delayMicros(5_000) / 1000.0;
        }
        java.util.Arrays.sort(millis);

        assertEquals("added latency 100%:lognormal(20ms,0.5)", faults.describe());
        assertEquals(20.0, millis[10_000], 0.6, "median");
        // the 84th percentile of a lognormal is its median times e^sigma
        assertEquals(20.0 * Math.exp(0.5), millis[(int) (0.8413 * 20_000)], 1.0, "P84");
    }

    @Test
    void aSlowerRouteTakesItsShareOfTheWholeAnswerTimeAndOnlyOnItsOwnRoute() {
        InjectedFaults faults = latency("20ms").withSlowerRoute(SlowerRoute.parse("post /api/sessions +20%"));

        assertEquals(26_000, faults.delayMicros("POST", "/api/sessions", 10_000, 0), "createSession: (10 ms handled + 20 ms) x 1.2 in all");
        assertEquals(20_000, faults.delayMicros("GET", "/api/sessions", 10_000, 0), "listing sessions: same route, other method");
        assertEquals(20_000, faults.delayMicros("POST", "/api/auth/token", 10_000, 0));
        assertEquals("added latency 100%:20ms; slower route POST /api/sessions +20%", faults.describe());
        assertEquals(1_000, InjectedFaults.NONE.withSlowerRoute(SlowerRoute.parse("POST /api/sessions +10%"))
                .delayMicros("POST", "/api/sessions", 10_000, 0), "with nothing added, a share of the handling alone");
    }

    @Test
    void everyRouteSlowerTakesItsShareOfEveryAnswer() {
        InjectedFaults faults = latency("20ms").withSlowerRoute(SlowerRoute.parse("* +20%"));

        assertEquals(26_000, faults.delayMicros("POST", "/api/sessions", 10_000, 0));
        assertEquals(26_000, faults.delayMicros("GET", "/healthz", 10_000, 0));
        assertEquals("added latency 100%:20ms; slower route * +20%", faults.describe());
    }

    @Test
    void aSlowerRouteMustReadAsMethodRouteAndShare() {
        assertEquals("REFERENCE_SLOWER_ROUTE: must read like POST /api/sessions +20%, or * +20% for every route"
                + " (was /api/sessions 20%)",
                assertThrows(ConfigException.class, () -> SlowerRoute.parse("/api/sessions 20%")).getMessage());
        assertEquals(InjectedFaults.NONE, InjectedFaults.NONE.withSlowerRoute(SlowerRoute.parse(" ")));
    }
}
