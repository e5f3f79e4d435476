package io.stella.harness.signoff;

import java.util.List;

/**
 * The sign-off of one run: every checklist item the harness can speak to, and the overall answer
 * to "load test results acceptable". GO only when no item failed or was inconclusive; items not run
 * are listed as gaps but do not decide.
 */
public record SignOff(String verdict, String simulation, String profile, String target, String finishedAt,
                      List<ItemResult> items, List<ThresholdResult> thresholds) {

    public static final String GO = "GO";
    public static final String NO_GO = "NO-GO";

    public SignOff {
        items = List.copyOf(items);
        thresholds = List.copyOf(thresholds);
    }

    public boolean go() {
        return GO.equals(verdict);
    }

    public List<ItemResult> failing() {
        return items.stream().filter(item -> item.status() == ItemStatus.FAIL || item.status() == ItemStatus.INCONCLUSIVE)
                .toList();
    }
}
