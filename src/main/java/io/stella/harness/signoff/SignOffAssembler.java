package io.stella.harness.signoff;

import io.stella.harness.config.Threshold;
import io.stella.harness.verdict.Verdict;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Puts a run's evidence together into its sign-off: response-time targets from the threshold
 * verdicts, the outside-observable items from probes, and every other item marked NOT RUN with the
 * reason. The run is a GO only when every threshold held and no item failed or was inconclusive.
 */
public final class SignOffAssembler {

    static final String NO_DEGRADATION_PHASE = "has no overload-and-recovery phase (load.degradation; the capacity and prelaunch profiles have one)";

    private SignOffAssembler() {
    }

    public static SignOff assemble(String simulation, String profile, String target, List<Verdict> verdicts,
                                   List<ItemResult> probed) {
        return assemble(simulation, profile, target, verdicts, probed, List.of(), List.of());
    }

    /**
     * @param capacity the capacity items a capacity search produced (none for any other run)
     * @param vetoes reasons besides thresholds and items that make it NO-GO, each in one line: a regression
     *               against the baseline, a run interrupted before its end
     */
    public static SignOff assemble(String simulation, String profile, String target, List<Verdict> verdicts,
                                   List<ItemResult> probed, List<ItemResult> capacity, List<String> vetoes) {
        return assemble(simulation, profile, target, verdicts, probed, capacity, vetoes, Map.of());
    }

    /** @param heard what calls over real media carried (audio lost, concealed, jitter), shown beside the response times */
    public static SignOff assemble(String simulation, String profile, String target, List<Verdict> verdicts,
                                   List<ItemResult> probed, List<ItemResult> capacity, List<String> vetoes,
                                   Map<String, String> heard) {
        Map<ChecklistItem, ItemResult> items = new EnumMap<>(ChecklistItem.class);
        items.put(ChecklistItem.RESPONSE_TIME_TARGETS, responseTimeTargets(profile, verdicts, heard));
        items.put(ChecklistItem.LOAD_TESTING_COMPLETED, ItemResult.notRun(ChecklistItem.LOAD_TESTING_COMPLETED,
                "profile " + profile + " is no capacity search (use -Dprofile=capacity)"));
        items.put(ChecklistItem.CAPACITY_PLANNING, ItemResult.notRun(ChecklistItem.CAPACITY_PLANNING,
                "needs a capacity search's knee and the profile's planning inputs"));
        items.put(ChecklistItem.GRACEFUL_DEGRADATION, ItemResult.notRun(ChecklistItem.GRACEFUL_DEGRADATION,
                "profile " + profile + " " + NO_DEGRADATION_PHASE));
        capacity.forEach(result -> items.put(result.item(), result));
        probed.forEach(result -> items.put(result.item(), result));
        for (ChecklistItem item : ChecklistItem.values()) {
            if (item != ChecklistItem.LOAD_TEST_RESULTS_ACCEPTABLE) {
                items.putIfAbsent(item, ItemResult.notRun(item, "no probe for it ran in this profile"));
            }
        }
        List<ItemResult> failing = items.values().stream()
                .filter(item -> item.status() == ItemStatus.FAIL || item.status() == ItemStatus.INCONCLUSIVE).toList();
        List<Verdict> failedThresholds = verdicts.stream().filter(verdict -> !verdict.passed()).toList();
        boolean go = failing.isEmpty() && failedThresholds.isEmpty() && vetoes.isEmpty();
        items.put(ChecklistItem.LOAD_TEST_RESULTS_ACCEPTABLE, overall(go, failing, failedThresholds, vetoes, profile));
        return new SignOff(go ? SignOff.GO : SignOff.NO_GO, simulation, profile, target, Instant.now().toString(),
                new ArrayList<>(items.values()), verdicts.stream().map(ThresholdResult::of).toList());
    }

    private static ItemResult responseTimeTargets(String profile, List<Verdict> verdicts, Map<String, String> heard) {
        List<Verdict> percentiles = verdicts.stream()
                .filter(verdict -> verdict.threshold() instanceof Threshold.PercentileLimit).toList();
        if (percentiles.isEmpty()) {
            return ItemResult.notRun(ChecklistItem.RESPONSE_TIME_TARGETS, "profile " + profile + " sets no percentile target");
        }
        Map<String, Object> evidence = new LinkedHashMap<>();
        percentiles.forEach(verdict -> evidence.put(verdict.threshold().describe(), verdict.status() + ", actual " + verdict.actual()));
        evidence.putAll(heard);
        List<Verdict> failed = percentiles.stream().filter(verdict -> !verdict.passed()).toList();
        boolean anyFail = failed.stream().anyMatch(verdict -> verdict.status() == Verdict.Status.FAIL);
        ItemStatus status = failed.isEmpty() ? ItemStatus.PASS : anyFail ? ItemStatus.FAIL : ItemStatus.INCONCLUSIVE;
        return new ItemResult(ChecklistItem.RESPONSE_TIME_TARGETS, status,
                failed.isEmpty() ? percentiles.size() + " percentile targets met with 95% confidence (HdrHistogram, measured window)"
                        : failed.stream().map(Verdict::describe).collect(Collectors.joining("; ")),
                evidence, "profile " + profile + ", measured window");
    }

    private static ItemResult overall(boolean go, List<ItemResult> failing, List<Verdict> failedThresholds,
                                      List<String> vetoes, String profile) {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("failedThresholds", failedThresholds.stream().map(Verdict::describe).toList());
        evidence.put("failingItems", failing.stream().map(item -> item.item().title() + ": " + item.reason()).toList());
        if (!vetoes.isEmpty()) {
            evidence.put("alsoFailing", vetoes);
        }
        String reason = go ? "every threshold held and no checklist item failed"
                : failedThresholds.size() + " threshold(s) failed or inconclusive, " + failing.size()
                + " item(s) failed or inconclusive" + (vetoes.isEmpty() ? "" : "; " + String.join("; ", vetoes));
        return new ItemResult(ChecklistItem.LOAD_TEST_RESULTS_ACCEPTABLE, go ? ItemStatus.PASS : ItemStatus.FAIL, reason,
                evidence, "profile " + profile);
    }
}
