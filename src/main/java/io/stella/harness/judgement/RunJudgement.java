package io.stella.harness.judgement;

import io.stella.harness.config.Threshold;
import io.stella.harness.latency.LatencyWindow;
import io.stella.harness.signoff.ItemResult;
import io.stella.harness.signoff.SignOff;
import io.stella.harness.signoff.SignOffAssembler;
import io.stella.harness.verdict.ThresholdEvaluator;
import io.stella.harness.verdict.Verdict;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The one judgement of a run, or of a merge of injectors: from what was measured and observed to the
 * verdicts, the vetoes, the status, the sign-off and the exit code. It reads and writes nothing. The
 * end of a run (the run's end pass) and the judge command (the judge) both call it, so that they
 * cannot disagree, and a merge is held to everything a run is: an injector that fell behind or ran
 * out of CPU makes the verdicts INCONCLUSIVE, one that was aborted, interrupted or turned users away
 * makes the sign-off NO-GO, each naming the injector; injectors whose measured windows began too far
 * apart make the merged verdicts INCONCLUSIVE, naming the skew; evidence it should rest on and cannot
 * (an injector that left no results, a comparison that could not be made) makes the verdicts
 * INCONCLUSIVE and the sign-off NO-GO, naming what is missing: never a GO on missing evidence.
 */
public final class RunJudgement {

    /** How far apart injectors' measured windows may begin before their merge describes no planned load. */
    public static final long DEFAULT_MAX_START_SKEW_MILLIS = 1_000;

    /**
     * Everything the verdicts depend on; built by name ({@link #facts()}).
     *
     * @param measured          each request's (and {@code all}'s) measured window, or null for a name never seen
     * @param measuredAnything  whether any request was measured at all (a run without is no PASS)
     * @param injectors         one per injector (one for a run on one injector)
     * @param capacity          a capacity search's verdicts at its knee and its checklist items, or null
     * @param probed            the checklist items the probes gave evidence for
     * @param regressions       figures that regressed against the baseline, one line each
     * @param baseline          what the run was compared with, in words ("the baseline results/x"), or null
     * @param missingEvidence   what the judgement should rest on and cannot, one line each: an injector of the
     *                          run that left no results, a comparison asked for that could not be made
     * @param atRunEnd          judged as the run ends (an interrupted run then exits as interrupted) rather
     *                          than from recorded results
     * @param heard             what calls over real media carried (audio lost, concealed), for the sign-off; empty without media
     * @param faults            what went wrong in the target that no threshold may pass over, one line each (calls
     *                          whose agent left and none took over, rooms given two agents): each vetoes a GO
     */
    public record Facts(String simulation, String profile, String target, List<Threshold> thresholds,
                        Function<String, LatencyWindow> measured, int measuredSec, boolean measuredAnything,
                        List<InjectorFacts> injectors, CapacityOutcome capacity, List<ItemResult> probed,
                        List<String> regressions, String baseline, List<String> missingEvidence, long maxStartSkewMillis,
                        boolean atRunEnd, Map<String, String> heard, List<String> faults) {
        public Facts {
            faults = List.copyOf(faults);
            heard = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(heard)); // in the order told: the sign-off lists it so
            injectors = List.copyOf(injectors);
            probed = List.copyOf(probed);
            regressions = List.copyOf(regressions);
            missingEvidence = List.copyOf(missingEvidence);
        }
    }

    /** Facts to fill in by name; what is not said is empty (no capacity search, no probe, no baseline). */
    public static FactsBuilder facts() {
        return new FactsBuilder();
    }

    /** Builds {@link Facts} by name. */
    public static final class FactsBuilder {
        private String simulation;
        private String profile;
        private String target;
        private List<Threshold> thresholds = List.of();
        private Function<String, LatencyWindow> measured = name -> null;
        private int measuredSec;
        private boolean measuredAnything;
        private List<InjectorFacts> injectors = List.of();
        private CapacityOutcome capacity;
        private List<ItemResult> probed = List.of();
        private List<String> regressions = List.of();
        private String baseline;
        private List<String> missingEvidence = List.of();
        private long maxStartSkewMillis = DEFAULT_MAX_START_SKEW_MILLIS;
        private boolean atRunEnd;
        private Map<String, String> heard = Map.of();
        private List<String> faults = List.of();

        private FactsBuilder() {
        }

        /** Which simulation and profile ran, against what (words for the sign-off). */
        public FactsBuilder run(String simulation, String profile, String target) {
            this.simulation = simulation;
            this.profile = profile;
            this.target = target;
            return this;
        }

        public FactsBuilder thresholds(List<Threshold> thresholds) {
            this.thresholds = thresholds;
            return this;
        }

        /** Each request's measured window over {@code measuredSec}; {@code anything}: whether any request was measured. */
        public FactsBuilder measured(Function<String, LatencyWindow> measured, int measuredSec, boolean anything) {
            this.measured = measured;
            this.measuredSec = measuredSec;
            this.measuredAnything = anything;
            return this;
        }

        public FactsBuilder injectors(List<InjectorFacts> injectors) {
            this.injectors = injectors;
            return this;
        }

        public FactsBuilder capacity(CapacityOutcome capacity) {
            this.capacity = capacity;
            return this;
        }

        public FactsBuilder probed(List<ItemResult> probed) {
            this.probed = probed;
            return this;
        }

        /** The figures that regressed against {@code baseline}. */
        public FactsBuilder regressions(List<String> regressions, String baseline) {
            this.regressions = regressions;
            this.baseline = baseline;
            return this;
        }

        public FactsBuilder missingEvidence(List<String> missingEvidence) {
            this.missingEvidence = missingEvidence;
            return this;
        }

        public FactsBuilder maxStartSkewMillis(long maxStartSkewMillis) {
            this.maxStartSkewMillis = maxStartSkewMillis;
            return this;
        }

        public FactsBuilder atRunEnd(boolean atRunEnd) {
            this.atRunEnd = atRunEnd;
            return this;
        }

        public FactsBuilder heard(Map<String, String> heard) {
            this.heard = heard;
            return this;
        }

        public FactsBuilder faults(List<String> faults) {
            this.faults = faults;
            return this;
        }

        public Facts build() {
            return new Facts(simulation, profile, target, thresholds, measured, measuredSec, measuredAnything, injectors, capacity,
                    probed, regressions, baseline, missingEvidence, maxStartSkewMillis, atRunEnd, heard, faults);
        }
    }

    /** A capacity search's own judgement: the thresholds at its knee (or first failing step), and its items. */
    public record CapacityOutcome(List<Verdict> verdicts, List<ItemResult> items) {
    }

    /** The judgement: what summary.json, the sign-off and the exit code say. */
    public record Outcome(List<Verdict> verdicts, List<String> vetoes, String status, SignOff signOff, ExitCode exitCode) {
        public boolean passed() {
            return "PASS".equals(status) && signOff.go();
        }
    }

    private RunJudgement() {
    }

    public static Outcome judge(Facts facts) {
        List<Verdict> verdicts = facts.capacity() != null ? facts.capacity().verdicts()
                : new ThresholdEvaluator(facts.measured()::apply, facts.measuredSec()).evaluate(facts.thresholds());
        String untrusted = untrustedBecause(facts);
        if (untrusted != null) {
            verdicts = verdicts.stream().map(verdict -> verdict.inconclusive(untrusted)).toList();
        }
        List<String> vetoes = vetoes(facts);
        boolean interrupted = facts.injectors().stream().anyMatch(InjectorFacts::interrupted);
        boolean aborted = facts.injectors().stream().anyMatch(injector -> injector.abortedBy() != null);
        boolean thresholdsHeld = facts.measuredAnything() && verdicts.stream().allMatch(Verdict::passed);
        String status = interrupted ? RunStatus.INTERRUPTED : aborted ? RunStatus.ABORTED
                : thresholdsHeld ? "PASS"
                : verdicts.isEmpty() || verdicts.stream().anyMatch(verdict -> verdict.status() == Verdict.Status.FAIL) ? "FAIL"
                : "INCONCLUSIVE";
        SignOff signOff = SignOffAssembler.assemble(facts.simulation(), facts.profile(), facts.target(), verdicts,
                facts.probed(), facts.capacity() == null ? List.of() : facts.capacity().items(), vetoes, facts.heard());
        ExitCode exitCode = interrupted && facts.atRunEnd() ? ExitCode.INTERRUPTED
                : thresholdsHeld && signOff.go() ? ExitCode.OK : ExitCode.NO_GO;
        return new Outcome(verdicts, vetoes, status, signOff, exitCode);
    }

    /**
     * Why no verdict can be read from these figures, or null: evidence missing, an injector in trouble
     * (a capacity search judges that step by step instead), or injectors that did not measure the same window.
     */
    private static String untrustedBecause(Facts facts) {
        List<String> reasons = new ArrayList<>(facts.missingEvidence());
        // A run's own capacity search judged its injector's trouble step by step; a merge cannot tell which
        // steps an injector's trouble touched, so there it makes every verdict inconclusive.
        if (facts.capacity() == null || facts.injectors().size() > 1) {
            facts.injectors().stream().filter(injector -> injector.troubleReason() != null)
                    .forEach(injector -> reasons.add(injector.prefix() + injector.troubleReason()));
        }
        if (facts.injectors().size() > 1) {
            long first = facts.injectors().stream().mapToLong(InjectorFacts::measuredFromEpochMillis).min().orElse(0);
            long last = facts.injectors().stream().mapToLong(InjectorFacts::measuredFromEpochMillis).max().orElse(0);
            if (last - first > facts.maxStartSkewMillis()) {
                reasons.add(String.format("the injectors' measured windows began %.1f s apart (more than %.1f s allowed):"
                        + " the merged figures describe a load nobody planned", (last - first) / 1000.0,
                        facts.maxStartSkewMillis() / 1000.0));
            }
        }
        return reasons.isEmpty() ? null : String.join("; ", reasons);
    }

    private static List<String> vetoes(Facts facts) {
        List<String> vetoes = new ArrayList<>();
        for (InjectorFacts injector : facts.injectors()) {
            if (injector.usersTurnedAway() > 0) {
                vetoes.add(injector.prefix() + injector.usersTurnedAway() + " arriving user(s) not started: "
                        + injector.maxConcurrentRequests() + " requests were in flight (limits.maxConcurrentRequests),"
                        + " so the target did not get the planned load");
            }
            if (injector.interrupted()) {
                vetoes.add(injector.prefix() + "the run was interrupted after about " + injector.ranSec() + " s of "
                        + injector.plannedSec() + " s planned; its figures cover only that part");
            } else if (injector.abortedBy() != null) {
                vetoes.add(injector.prefix() + "the load was ABORTED by " + injector.abortedBy());
            }
        }
        vetoes.addAll(facts.missingEvidence());
        vetoes.addAll(facts.faults());
        if (!facts.regressions().isEmpty()) {
            vetoes.add(facts.regressions().size() + " figure(s) regressed against " + facts.baseline());
        }
        return vetoes;
    }
}
