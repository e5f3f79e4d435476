package io.stella.harness.run.live;

import io.stella.harness.config.AbortRule;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AbortWatchTest {

    private static final long START = 1_000_000L;
    private static final AbortRule HALF_FAILING_FOR_3_S = new AbortRule("all", 50.0, null, null, 3, 0);

    @Test
    void firesWhenTheErrorRateStaysPastItsLimitForForSecSecondsInARow() {
        AbortWatch watch = started(HALF_FAILING_FOR_3_S);

        for (int second = 0; second < 3; second++) {
            answers(watch, "token", second, 10, 6);
        }
        assertNull(watch.fired(), "the third bad second is judged only once a later answer shows it is over");
        answers(watch, "token", 3, 1, 0);

        AbortWatch.Fired fired = watch.fired();
        assertNotNull(fired);
        assertEquals(0, fired.ruleIndex());
        assertEquals(3, fired.atSecIntoRun());
        assertEquals("abortOnFail/0 (all errors > 50% for 3 s) fired 3 s into the run: errors 60% of 10 in second 2"
                + " (and the 2 judged before it)", fired.describe());
    }

    @Test
    void aGoodSecondInBetweenStartsTheCountAgain() {
        AbortWatch watch = started(HALF_FAILING_FOR_3_S);

        answers(watch, "token", 0, 10, 10);
        answers(watch, "token", 1, 10, 10);
        answers(watch, "token", 2, 10, 5); // exactly 50% is not past the limit
        answers(watch, "token", 3, 10, 10);
        answers(watch, "token", 4, 10, 10);
        answers(watch, "token", 5, 1, 0);

        assertNull(watch.fired());
    }

    @Test
    void secondsWithoutAnswersNeitherCountNorBreakTheRun() {
        AbortWatch watch = started(HALF_FAILING_FOR_3_S);

        answers(watch, "token", 0, 4, 4);
        answers(watch, "token", 5, 4, 4);
        answers(watch, "token", 9, 4, 4);
        answers(watch, "token", 12, 1, 1);

        assertEquals(10, watch.fired().atSecIntoRun());
    }

    @Test
    void nothingIsJudgedInTheGracePeriodAndARuleSeesOnlyItsRequest() {
        AbortWatch watch = started(new AbortRule("createSession", 10.0, null, null, 1, 5));

        for (int second = 0; second < 5; second++) {
            answers(watch, "createSession", second, 10, 10);
            answers(watch, "token", second, 10, 10);
        }
        answers(watch, "token", 5, 10, 10);
        answers(watch, "token", 6, 10, 10);
        assertNull(watch.fired(), "grace seconds and other requests' failures do not count");

        answers(watch, "createSession", 5, 10, 2);
        answers(watch, "createSession", 6, 1, 0);
        assertEquals("abortOnFail/0 (createSession errors > 10% for 1 s) fired 6 s into the run: errors 20% of 10 in second 5",
                watch.fired().describe());
    }

    @Test
    void aLatencyRuleFiresOnThePercentileOfEachSecond() {
        AbortWatch watch = started(new AbortRule("all", null, 99.0, 1000.0, 2, 0));

        for (int second = 0; second < 2; second++) {
            for (int i = 0; i < 98; i++) {
                watch.record("healthz", at(second), 5_000, false);
            }
            watch.record("healthz", at(second), 1_500_000, false);
            watch.record("healthz", at(second), 1_600_000, false);
        }
        watch.record("healthz", at(2), 5_000, false);

        assertNotNull(watch.fired());
        String seen = watch.fired().seen();
        assertTrue(seen.matches("P99 15\\d\\d(\\.\\d+)? ms over 100 answers in second 1 \\(and the 1 judged before it\\)"), seen);
    }

    @Test
    void theFirstRuleToFireStaysTheOneNamed() {
        AbortWatch watch = started(new AbortRule("all", 90.0, null, null, 1, 0), HALF_FAILING_FOR_3_S);

        for (int second = 0; second < 6; second++) {
            answers(watch, "token", second, 10, 10);
        }

        assertEquals(0, watch.fired().ruleIndex());
        assertEquals(1, watch.fired().atSecIntoRun());
    }

    private static AbortWatch started(AbortRule... rules) {
        AbortWatch watch = new AbortWatch(List.of(rules));
        watch.runStarts(START);
        return watch;
    }

    private static void answers(AbortWatch watch, String request, int second, int count, int failed) {
        for (int i = 0; i < count; i++) {
            watch.record(request, at(second), 2_000, i < failed);
        }
    }

    private static long at(int second) {
        return START + second * 1000L + 500;
    }
}
