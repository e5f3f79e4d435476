package io.stella.harness.judgement;

import io.stella.harness.config.Threshold;
import io.stella.harness.signoff.ChecklistItem;
import io.stella.harness.signoff.ItemResult;
import io.stella.harness.signoff.ItemStatus;
import io.stella.harness.verdict.CapacitySearch;
import io.stella.harness.verdict.StepOutcome;
import io.stella.harness.verdict.Verdict;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** "Load testing completed" from a search: a knee the target showed passes; one the injector hit is no knee of the target's. */
class CapacityItemsTest {

    static final Threshold P50 = new Threshold.PercentileLimit("voiceToVoice", 50, 2000);

    @Test
    void aKneeTheTargetShowedPassesInCallersAndConversations() {
        CapacitySearch.Result search = CapacitySearch.search(List.of(step(0, 0.2, Verdict.Status.PASS, null),
                step(1, 0.4, Verdict.Status.FAIL, null)));

        ItemResult load = CapacityItems.of(search, null, "voice-media-capacity", false, 5, null, "conversations").get(0);

        assertEquals(ItemStatus.PASS, load.status());
        assertEquals("knee at 0.2 callers/s (0 req/s, 5 conversations held at once); thresholds break at 0.4/s", load.reason());
    }

    @Test
    void aStepTheInjectorCouldNotKeepUpWithIsItsLimitNotTheTargets() {
        String trouble = "the harness's audio clock fell behind";
        CapacitySearch.Result search = CapacitySearch.search(List.of(step(0, 0.2, Verdict.Status.PASS, null),
                step(1, 0.4, Verdict.Status.INCONCLUSIVE, trouble)));

        ItemResult load = CapacityItems.of(search, null, "voice-media-capacity", false, 5, null, "conversations").get(0);

        assertEquals(ChecklistItem.LOAD_TESTING_COMPLETED, load.item());
        assertEquals(ItemStatus.INCONCLUSIVE, load.status(), load.reason());
        assertTrue(load.reason().startsWith("the injector reached its own limit before the target did: the step at 0.4 callers/s"
                + " measured the harness (the harness's audio clock fell behind); the target held up to 0.2 callers/s (5 conversations"
                + " at once)"), load.reason());
    }

    private static StepOutcome step(int step, double rate, Verdict.Status status, String trouble) {
        return new StepOutcome(step, rate, 0, List.of(new Verdict(P50, status, "<= 2000 ms", "1400 ms", trouble)), trouble);
    }
}
