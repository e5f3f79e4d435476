package io.stella.harness.run.live;

import io.stella.harness.config.AbortRule;
import io.stella.harness.config.Numbers;
import io.stella.harness.latency.ErrorKind;
import io.stella.harness.latency.LatencyWindow;

import java.util.ArrayList;
import java.util.List;

/**
 * Judges a profile's {@code abortOnFail} rules on the requests as they complete, second by second
 * (by completion time). A second is judged once a later answer shows it is over; the first rule that
 * has been past its limit for its {@code forSec} judged seconds in a row fires, and stays fired.
 */
public final class AbortWatch {

    /** The rule that fired: its place in the profile, how it reads, what was seen, and when. */
    public record Fired(int ruleIndex, String rule, String seen, long atSecIntoRun) {
        public String describe() {
            return "abortOnFail/" + ruleIndex + " (" + rule + ") fired " + atSecIntoRun + " s into the run: " + seen;
        }
    }

    private final List<RuleState> rules = new ArrayList<>();
    private volatile long runStartEpochMillis = Long.MAX_VALUE;
    private volatile Fired fired;

    public AbortWatch(List<AbortRule> rules) {
        for (int i = 0; i < rules.size(); i++) {
            this.rules.add(new RuleState(i, rules.get(i)));
        }
    }

    public void runStarts(long epochMillis) {
        runStartEpochMillis = epochMillis;
    }

    /** One completed request; {@code failed} by any of its checks, status or connection. */
    public synchronized void record(String request, long endEpochMillis, long latencyMicros, boolean failed) {
        if (fired != null || endEpochMillis < runStartEpochMillis) {
            return;
        }
        long second = (endEpochMillis - runStartEpochMillis) / 1000;
        for (RuleState state : rules) {
            if (state.rule.covers(request)) {
                if (second > state.second) {
                    closeSecond(state);
                    state.second = second;
                    state.window = new LatencyWindow(1000);
                }
                state.window.record(latencyMicros, failed ? ErrorKind.OTHER : null);
            }
        }
    }

    private void closeSecond(RuleState state) {
        if (state.window == null || state.window.count() == 0 || state.second < state.rule.graceSec() || fired != null) {
            return;
        }
        String seen = breach(state.rule, state.window);
        state.badSeconds = seen == null ? 0 : state.badSeconds + 1;
        if (seen != null && state.badSeconds >= state.rule.forSec()) {
            fired = new Fired(state.index, state.rule.describe(), seen + " in second " + state.second
                    + (state.rule.forSec() > 1 ? " (and the " + (state.rule.forSec() - 1) + " judged before it)" : ""),
                    state.second + 1);
        }
    }

    /** What broke the rule in one second, or null if it held. */
    static String breach(AbortRule rule, LatencyWindow second) {
        if (rule.maxErrorPercent() != null) {
            double percent = second.errorPercent();
            return percent > rule.maxErrorPercent() ? "errors " + Numbers.plain(Numbers.toThousandth(percent)) + "% of "
                    + second.count() : null;
        }
        double millis = second.percentileMillis(rule.percentile());
        return millis > rule.maxMillis() ? "P" + Numbers.plain(rule.percentile()) + " " + Numbers.plain(Numbers.toThousandth(millis))
                + " ms over " + second.count() + " answers" : null;
    }

    /** Each rule as it stands: breached seconds in a row (the second being counted not yet judged), and whether it fired. */
    public synchronized List<io.stella.harness.live.LiveSeries.AbortRuleState> states() {
        Fired firedNow = fired;
        return rules.stream().map(state -> new io.stella.harness.live.LiveSeries.AbortRuleState(
                "abortOnFail/" + state.index + " (" + state.rule.describe() + ")", state.badSeconds, state.rule.forSec(),
                firedNow != null && firedNow.ruleIndex() == state.index)).toList();
    }

    /** The rule that fired, or null while none has. */
    public Fired fired() {
        return fired;
    }

    private static final class RuleState {
        final int index;
        final AbortRule rule;
        long second = -1;
        LatencyWindow window;
        int badSeconds;

        RuleState(int index, AbortRule rule) {
            this.index = index;
            this.rule = rule;
        }
    }
}
