package io.stella.harness.run;

import io.stella.harness.judgement.BaselineCheck;
import io.stella.harness.config.LoadShape;
import io.stella.harness.config.Numbers;
import io.stella.harness.config.Profile;
import io.stella.harness.config.Shard;
import io.stella.harness.config.TargetConfig;
import io.stella.harness.reference.InjectedFaults;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.stream.Collectors;

/**
 * Everything decided before load: the validated profile and target, which simulation, when it
 * started, where Gatling and the harness write ({@code resultsFolder}: this run's, made before any load).
 * {@code referenceFaults} is null for an external target, {@code referenceAgentFaults} (its agents' crashes and double
 * dispatches, in words) too, and for an embedded target whose agents do not misbehave;
 * {@code baseline} (a results folder to compare with) and {@code history} (a file to append this
 * run's knee and P99s to) are null unless asked for; {@code shard} is null for a run on one injector
 * (its profile is then already this injector's share, and {@code runId} names the run all share).
 * {@code traceSampled} marks every request's traceparent sampled (flags 01): off unless asked for,
 * because a target that follows its caller's sampling decision would then trace all of the load.
 */
public record RunPlan(Profile profile, TargetConfig target, String simulation, Instant startedAt,
                      Path gatlingResultsDir, Path resultsRoot, Path resultsFolder, InjectedFaults referenceFaults,
                      Path baseline, double baselineTolerancePercent, Path history, Shard shard, String runId,
                      boolean traceSampled, String referenceAgentFaults) {

    /** A plan built by name: no baseline, history, shard or trace sampling unless set; the default tolerance. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link RunPlan} by name. */
    public static final class Builder {
        private Profile profile;
        private TargetConfig target;
        private String simulation;
        private Instant startedAt;
        private Path gatlingResultsDir;
        private Path resultsRoot;
        private Path resultsFolder;
        private InjectedFaults referenceFaults;
        private String referenceAgentFaults;
        private Path baseline;
        private double baselineTolerancePercent = BaselineCheck.DEFAULT_TOLERANCE_PERCENT;
        private Path history;
        private Shard shard;
        private String runId;
        private boolean traceSampled;

        private Builder() {
        }

        public Builder profile(Profile profile) {
            this.profile = profile;
            return this;
        }

        public Builder target(TargetConfig target) {
            this.target = target;
            return this;
        }

        public Builder simulation(String simulation) {
            this.simulation = simulation;
            return this;
        }

        public Builder startedAt(Instant startedAt) {
            this.startedAt = startedAt;
            return this;
        }

        public Builder gatlingResultsDir(Path gatlingResultsDir) {
            this.gatlingResultsDir = gatlingResultsDir;
            return this;
        }

        public Builder resultsRoot(Path resultsRoot) {
            this.resultsRoot = resultsRoot;
            return this;
        }

        public Builder resultsFolder(Path resultsFolder) {
            this.resultsFolder = resultsFolder;
            return this;
        }

        public Builder referenceFaults(InjectedFaults referenceFaults) {
            this.referenceFaults = referenceFaults;
            return this;
        }

        public Builder baseline(Path baseline) {
            this.baseline = baseline;
            return this;
        }

        public Builder baselineTolerancePercent(double baselineTolerancePercent) {
            this.baselineTolerancePercent = baselineTolerancePercent;
            return this;
        }

        public Builder history(Path history) {
            this.history = history;
            return this;
        }

        public Builder shard(Shard shard) {
            this.shard = shard;
            return this;
        }

        public Builder runId(String runId) {
            this.runId = runId;
            return this;
        }

        public Builder referenceAgentFaults(String referenceAgentFaults) {
            this.referenceAgentFaults = referenceAgentFaults;
            return this;
        }

        public Builder traceSampled(boolean traceSampled) {
            this.traceSampled = traceSampled;
            return this;
        }

        public RunPlan build() {
            return new RunPlan(profile, target, simulation, startedAt, gatlingResultsDir, resultsRoot, resultsFolder, referenceFaults,
                    baseline, baselineTolerancePercent, history, shard, runId, traceSampled, referenceAgentFaults);
        }
    }

    public void announce(PrintStream out) {
        LoadShape load = profile.load();
        String targetText = target.embedded()
                ? "the embedded reference target at " + target.baseUrl()
                + (referenceFaults == null || referenceFaults.isNone() ? "" : " (faults: " + referenceFaults.describe() + ")")
                + (referenceAgentFaults == null ? "" : " (agent faults: " + referenceAgentFaults + ")")
                : target.baseUrl().toString();
        out.println("STELLA harness: " + simulation + ", profile " + profile.name() + " (" + profile.source() + ")");
        out.println("  target  " + targetText);
        if (shard != null) {
            out.println("  shard   " + shard.describe() + " of run " + runId + ": every rate below is this injector's share");
        }
        out.println("  load    " + load.warmUpSec() + " s warm-up at " + load.warmUpRatePerSec() + "/s (not judged), "
                + load.rampUpSec() + " s ramp, " + load.steadySec() + " s at " + load.ratePerSec() + "/s; "
                + profile.thresholds().size() + " thresholds");
        out.println("  limits  at most " + Numbers.plain(profile.limits().maxRatePerSec()) + " users/s, "
                + profile.limits().maxConcurrentRequests() + " requests in flight"
                + (profile.abortOnFail().isEmpty() ? "; no abortOnFail rules" : "; abort when " + profile.abortOnFail().stream()
                .map(rule -> rule.describe() + (rule.graceSec() > 0 ? " (after " + rule.graceSec() + " s)" : ""))
                .collect(Collectors.joining(" or "))));
        if (traceSampled) {
            out.println("  traces  every request's traceparent is marked sampled (flags 01, -Dtrace.sampled=true):"
                    + " a target that follows it traces all of the load");
        }
        if (baseline != null) {
            out.println("  compare with " + baseline + " (a regression: beyond the 95% intervals and over "
                    + baselineTolerancePercent + "%)");
        }
        if (history != null) {
            out.println("  history " + history + " (each figure against the band of its last good runs, once 5 exist)");
        }
        out.println("  results " + resultsFolder);
    }
}
