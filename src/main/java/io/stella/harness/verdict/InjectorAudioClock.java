package io.stella.harness.verdict;

import io.stella.harness.latency.MediaFigures;

/**
 * The injector's audio clock, second by second: the 10 ms ticks its media workers made and those that
 * came more than two frames late. Where more than {@value MediaFigures#MAX_LATE_TICK_PERCENT}% of a stretch's
 * ticks were late, speech was not spoken on time and every figure timed from it (voice to voice
 * above all) describes the harness, not the target.
 */
public record InjectorAudioClock(long[][] ticksAndLateBySecond, int judgedFromSec) implements InjectorHealth {

    public InjectorAudioClock {
        ticksAndLateBySecond = ticksAndLateBySecond.clone();
    }

    /** Late ticks in percent of all ticks reported in {@code [fromSec, toSec)}; 0 when none were. */
    double latePercent(int fromSec, int toSec) {
        long ticks = 0;
        long late = 0;
        for (int second = Math.max(0, fromSec); second < Math.min(toSec, ticksAndLateBySecond.length); second++) {
            ticks += ticksAndLateBySecond[second][0];
            late += ticksAndLateBySecond[second][1];
        }
        return ticks == 0 ? 0 : 100.0 * late / ticks;
    }

    @Override
    public boolean troubledDuring(int fromSec, int toSec) {
        return latePercent(fromSec, toSec) > MediaFigures.MAX_LATE_TICK_PERCENT;
    }

    @Override
    public boolean troubled() {
        return troubledDuring(judgedFromSec, Integer.MAX_VALUE);
    }

    @Override
    public String reason() {
        return String.format("the harness's audio clock fell behind (%.1f%% of its 10 ms ticks more than 20 ms late after"
                + " second %d), so speech was not spoken on time; the figures describe the harness, not the target",
                latePercent(judgedFromSec, Integer.MAX_VALUE), judgedFromSec);
    }
}
