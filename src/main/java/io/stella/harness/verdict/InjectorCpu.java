package io.stella.harness.verdict;

/**
 * The injector's CPU, second by second (the share of all cores its process used, 0..1): saturated
 * when it stays at or above {@value #SATURATED} for {@value #SATURATED_RUN_SEC} seconds in a row.
 * Only judged when the target runs elsewhere: with the embedded reference target in the same process,
 * a busy CPU is the target's work as much as the injector's, so it is reported, not judged.
 */
public record InjectorCpu(double[] processCpuBySecond, int judgedFromSec, boolean judged) implements InjectorHealth {

    static final double SATURATED = 0.95;
    static final int SATURATED_RUN_SEC = 3;

    public InjectorCpu {
        processCpuBySecond = processCpuBySecond.clone();
    }

    /** The first second of a saturated run that overlaps {@code [fromSec, toSec)}, or -1. */
    int saturatedRunStart(int fromSec, int toSec) {
        int runStart = -1;
        for (int second = 0; second < processCpuBySecond.length; second++) {
            if (processCpuBySecond[second] >= SATURATED) {
                runStart = runStart < 0 ? second : runStart;
                boolean longEnough = second - runStart + 1 >= SATURATED_RUN_SEC;
                if (longEnough && second >= fromSec && runStart < toSec) {
                    return runStart;
                }
            } else {
                runStart = -1;
            }
        }
        return -1;
    }

    @Override
    public boolean troubledDuring(int fromSec, int toSec) {
        return judged && saturatedRunStart(fromSec, toSec) >= 0;
    }

    @Override
    public boolean troubled() {
        return troubledDuring(judgedFromSec, Integer.MAX_VALUE);
    }

    @Override
    public String reason() {
        int start = saturatedRunStart(judgedFromSec, Integer.MAX_VALUE);
        return "the injector's CPU was saturated (at least " + Math.round(SATURATED * 100) + "% of all cores for "
                + SATURATED_RUN_SEC + " s or more from second " + start + "); the figures describe the harness, not the target";
    }

    /** The busiest second, as a percentage of all cores; 0 when nothing was sampled. */
    public double maxPercent() {
        double max = 0;
        for (double load : processCpuBySecond) {
            max = Math.max(max, load);
        }
        return Math.round(max * 1000) / 10.0;
    }

    /**
     * The mean over the judged seconds (after the warm-up), as a percentage of all cores: with the
     * request count it gives the injector's CPU cost per request, which the busiest second cannot.
     */
    public double meanPercent() {
        double sum = 0;
        int seconds = 0;
        for (int second = judgedFromSec; second < processCpuBySecond.length; second++) {
            sum += processCpuBySecond[second];
            seconds++;
        }
        return seconds == 0 ? 0 : Math.round(sum / seconds * 1000) / 10.0;
    }
}
