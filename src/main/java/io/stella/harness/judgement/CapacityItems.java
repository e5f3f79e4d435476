package io.stella.harness.judgement;

import io.stella.harness.verdict.LiveKnee;
import io.stella.harness.config.Numbers;
import io.stella.harness.config.Profile;
import io.stella.harness.results.CapacityView;
import io.stella.harness.signoff.ChecklistItem;
import io.stella.harness.signoff.ItemResult;
import io.stella.harness.signoff.ItemStatus;
import io.stella.harness.verdict.CapacityPlan;
import io.stella.harness.verdict.CapacitySearch;
import io.stella.harness.verdict.DegradationCheck;
import io.stella.harness.verdict.StepOutcome;
import io.stella.harness.verdict.Verdict;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The checklist's capacity items from a capacity search: "Load testing completed" and "Capacity planning". */
public final class CapacityItems {

    private CapacityItems() {
    }

    /**
     * @param stoppedEarly whether a hard break ended the live search before its last step
     * @param kneeSessions voice sessions (or conversations) held at once during the knee step, or null without voice
     * @param view         the step table, for each step's voice figures; null leaves them out
     * @param heldUnit     what {@code kneeSessions} counts: "voice sessions" or "conversations"; null when
     *                     the simulation has no callers (its arrivals are journeys)
     */
    public static List<ItemResult> of(CapacitySearch.Result search, CapacityPlan plan, String profileName, boolean stoppedEarly,
                               Integer kneeSessions, CapacityView view, String heldUnit) {
        List<ItemResult> items = new ArrayList<>();
        if (search == null) {
            return items;
        }
        String arrivals = heldUnit == null ? " journeys/s" : " callers/s";
        String source = "profile " + profileName + ", capacity search" + (stoppedEarly ? " (stopped early after a hard break)" : "");
        Map<String, Object> evidence = new LinkedHashMap<>();
        for (StepOutcome step : search.steps()) {
            evidence.put("step " + step.step() + " at " + Numbers.plain(step.ratePerSec()) + "/s",
                    (step.held() ? "held" : "broke: " + step.breaches().stream().map(Verdict::describe)
                            .collect(Collectors.joining("; "))) + " (" + Numbers.plain(Numbers.toThousandth(step.requestsPerSec())) + " req/s"
                            + voiceOf(view, step.step(), heldUnit) + ")");
        }
        String stageGrowth = view == null ? null
                : AgentStageGrowth.describe(view.steps(), search.firstFailing() == null ? null : search.firstFailing().step());
        if (stageGrowth != null) {
            evidence.put("agent stage that grew", stageGrowth);
        }
        items.add(loadTesting(search, kneeSessions, heldUnit, arrivals, evidence, source));
        if (plan != null) {
            items.add(planning(plan, source));
        }
        return items;
    }

    /** Load testing completed: the knee found, the limit above the stairs or below them, or the injector's own limit reached first. */
    private static ItemResult loadTesting(CapacitySearch.Result search, Integer kneeSessions, String heldUnit, String arrivals,
                                          Map<String, Object> evidence, String source) {
        StepOutcome firstFailing = search.firstFailing();
        if (firstFailing != null && firstFailing.injectorTrouble() != null) {
            return new ItemResult(ChecklistItem.LOAD_TESTING_COMPLETED, ItemStatus.INCONCLUSIVE,
                    "the injector reached its own limit before the target did: the step at " + Numbers.plain(firstFailing.ratePerSec())
                            + arrivals + " measured the harness (" + firstFailing.injectorTrouble() + ")"
                            + (search.knee() == null ? "" : "; the target held up to " + Numbers.plain(search.knee().ratePerSec()) + arrivals
                            + (kneeSessions == null ? "" : " (" + kneeSessions + " " + heldUnit + " at once)"))
                            + ": add injectors or a bigger one to find its knee", evidence, source);
        }
        return switch (search.finding()) {
            case KNEE_FOUND -> new ItemResult(ChecklistItem.LOAD_TESTING_COMPLETED, ItemStatus.PASS, "knee at "
                    + Numbers.plain(search.knee().ratePerSec()) + arrivals + " (" + Numbers.plain(Numbers.toThousandth(search.knee().requestsPerSec()))
                    + " req/s" + (kneeSessions == null ? "" : ", " + kneeSessions + " " + heldUnit + " held at once")
                    + "); thresholds break at " + Numbers.plain(search.firstFailing().ratePerSec()) + "/s", evidence, source);
            case LIMIT_NOT_REACHED -> new ItemResult(ChecklistItem.LOAD_TESTING_COMPLETED, ItemStatus.INCONCLUSIVE,
                    "every step held: the limit is above " + Numbers.plain(search.knee().ratePerSec()) + arrivals + "; raise the stairs",
                    evidence, source);
            case FAILED_AT_FIRST_STEP -> new ItemResult(ChecklistItem.LOAD_TESTING_COMPLETED, ItemStatus.FAIL,
                    "the first step (" + Numbers.plain(search.firstFailing().ratePerSec()) + "/s) already broke the thresholds",
                    evidence, source);
        };
    }

    /** Capacity planning: the knee against today's peak and its growth, in headroom and months left. */
    private static ItemResult planning(CapacityPlan plan, String source) {
        Map<String, Object> planning = new LinkedHashMap<>();
        planning.put("knee", plan.knee());
        planning.put("currentPeak", plan.currentPeak());
        planning.put("unit", plan.unit());
        planning.put("monthlyGrowthPercent", plan.monthlyGrowthPercent());
        planning.put("headroom", Numbers.toThousandth(plan.headroom()));
        planning.put("monthsLeft", Numbers.toThousandth(plan.monthsLeft()));
        String text = "headroom " + Numbers.plain(Numbers.toThousandth(plan.headroom())) + "x over today's peak of "
                + Numbers.plain(plan.currentPeak()) + " " + plan.unit() + " (knee " + Numbers.plain(Numbers.toThousandth(plan.knee()))
                + "), about " + Numbers.plain(Math.floor(plan.monthsLeft() * 10) / 10) + " months at "
                + Numbers.plain(plan.monthlyGrowthPercent()) + "% a month";
        return new ItemResult(ChecklistItem.CAPACITY_PLANNING, plan.enough() ? ItemStatus.PASS : ItemStatus.FAIL,
                plan.enough() ? text : text + "; at least " + Numbers.plain(plan.minHeadroom()) + "x wanted", planning, source);
    }

    /** "; 5 conversations at once; voiceToVoice P50 1310 ms, 0 no reply of 8": a step's voice figures. */
    private static String voiceOf(CapacityView view, int step, String heldUnit) {
        CapacityView.StepView figures = view == null ? null
                : view.steps().stream().filter(s -> s.step() == step).findFirst().orElse(null);
        if (figures == null) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        if (figures.heldAtOnce() != null) {
            text.append("; ").append(figures.heldAtOnce()).append(' ').append(heldUnit).append(" at once");
        }
        if (figures.voice() != null) {
            figures.voice().forEach((name, voice) -> text.append("; ").append(name).append(" P50 ")
                    .append(voice.p50Millis() == null ? "-" : Numbers.plain(Numbers.toThousandth(voice.p50Millis()))).append(" ms, ")
                    .append(voice.noReply()).append(" no reply of ").append(voice.count()));
        }
        return text.toString();
    }

    /** "Graceful degradation" from the overload-and-recovery phase; NOT RUN when there was no knee to overload. */
    public static ItemResult degradation(DegradationCheck.Result result, Profile profile, LiveKnee liveKnee) {
        String source = "profile " + profile.name() + ", overload and recovery after the capacity search"
                + (liveKnee == null ? "" : " (knee judged live: " + liveKnee.finding() + ")");
        if (result.status() == null) {
            return new ItemResult(ChecklistItem.GRACEFUL_DEGRADATION, ItemStatus.NOT_RUN, result.reason(), result.evidence(), source);
        }
        return new ItemResult(ChecklistItem.GRACEFUL_DEGRADATION,
                result.status() == Verdict.Status.PASS ? ItemStatus.PASS : ItemStatus.FAIL, result.reason(), result.evidence(), source);
    }
}
