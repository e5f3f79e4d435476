package io.stella.harness.run.end;

import io.stella.harness.judgement.NamedStats;
import io.stella.harness.config.Numbers;
import io.stella.harness.config.Profile;
import io.stella.harness.config.Threshold;
import io.stella.harness.latency.LatencyWindow;
import io.stella.harness.latency.RequestStats;
import io.stella.harness.latency.RunMeasurements;
import io.stella.harness.latency.VoiceMetrics;
import io.stella.harness.results.Summary;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Breaks the session-setup target down by the stages a caller waits through, in order. */
final class SetupBudgets {

    /** Token, session creation, signaling join, then waiting for the agent. */
    static final List<String> STAGES = List.of("token", "createSession", VoiceMetrics.TIME_TO_JOIN, VoiceMetrics.AGENT_WAIT);

    private SetupBudgets() {
    }

    /** The breakdown, when the profile sets a percentile target on session setup. */
    static Optional<Summary.SetupBudget> of(Profile profile, RunMeasurements measurements, VoiceMetrics voice) {
        Optional<Threshold.PercentileLimit> target = profile.thresholds().stream()
                .filter(threshold -> threshold.request().equals(VoiceMetrics.SESSION_SETUP))
                .filter(Threshold.PercentileLimit.class::isInstance).map(Threshold.PercentileLimit.class::cast)
                .findFirst();
        if (target.isEmpty()) {
            return Optional.empty();
        }
        Threshold.PercentileLimit limit = target.get();
        List<Summary.SetupBudget.Stage> stages = new ArrayList<>();
        for (String stage : STAGES) {
            RequestStats stats = NamedStats.of(stage, measurements, voice);
            LatencyWindow window = stats == null ? null : stats.measured();
            Double atTarget = at(window, limit.percentile());
            stages.add(new Summary.SetupBudget.Stage(stage, at(window, 50), at(window, 95), at(window, 99), atTarget,
                    atTarget == null ? null : Numbers.toThousandth(100.0 * atTarget / limit.maxMillis())));
        }
        return Optional.of(new Summary.SetupBudget(limit.describe(), limit.percentile(), limit.maxMillis(), stages));
    }

    private static Double at(LatencyWindow window, double percentile) {
        return window == null || window.count() == 0 ? null : Numbers.toThousandth(window.percentileMillis(percentile));
    }
}
