package io.stella.harness.verdict;

import io.stella.harness.latency.MediaFigures;

/**
 * The injector's audio clock, second by second: the ticks its media workers made (10 ms frames, 20 ms packets) and those that
 * came more than two frames late. Where more than {@value MediaFigures#MAX_LATE_TICK_PERCENT}% of a stretch's
 * ticks were late, and at least {@value #MIN_LATE_TICKS} of them (a second's worth: one pause of a
 * few hundred milliseconds in a short stretch skews only the samples around it), speech was not
 * spoken on time and every figure timed from it (voice to voice above all) describes the harness,
 * not the target.
 */
public record InjectorAudioClock(long[][] ticksAndLateBySecond, int judgedFromSec) implements InjectorHealth {

    static final long MIN_LATE_TICKS = 100;

    public InjectorAudioClock {
        ticksAndLateBySecond = ticksAndLateBySecond.clone();
    }

    /** Late ticks in percent of all ticks reported in {@code [fromSec, toSec)}; 0 when none were. */
    double latePercent(int fromSec, int toSec) {
        long ticks = sum(fromSec, toSec, 0);
        return ticks == 0 ? 0 : 100.0 * sum(fromSec, toSec, 1) / ticks;
    }

    private long sum(int fromSec, int toSec, int column) {
        long total = 0;
        for (int second = Math.max(0, fromSec); second < Math.min(toSec, ticksAndLateBySecond.length); second++) {
            total += ticksAndLateBySecond[second][column];
        }
        return total;
    }

    @Override
    public boolean troubledDuring(int fromSec, int toSec) {
        return latePercent(fromSec, toSec) > MediaFigures.MAX_LATE_TICK_PERCENT && sum(fromSec, toSec, 1) >= MIN_LATE_TICKS;
    }

    @Override
    public String reasonDuring(int fromSec, int toSec) {
        return String.format("the harness's audio clock fell behind (%.1f%% of its ticks more than 20 ms late in seconds"
                + " %d..%d), so speech was not spoken on time; the figures describe the harness, not the target",
                latePercent(fromSec, toSec), fromSec, toSec);
    }

    @Override
    public boolean troubled() {
        return troubledDuring(judgedFromSec, Integer.MAX_VALUE);
    }

    @Override
    public String reason() {
        return String.format("the harness's audio clock fell behind (%.1f%% of its ticks more than 20 ms late after"
                + " second %d), so speech was not spoken on time; the figures describe the harness, not the target",
                latePercent(judgedFromSec, Integer.MAX_VALUE), judgedFromSec);
    }
}
