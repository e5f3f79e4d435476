package io.stella.harness.results;

import io.stella.harness.verdict.Verdict;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.stella.harness.config.ContractPaths;
import io.stella.harness.config.LoadShape;

import java.util.List;
import java.util.Map;

/**
 * {@code summary.json}: a run's figures, verdicts and provenance, in one machine-readable file.
 * Percentiles are milliseconds; {@code measured} (after warm-up) is what thresholds judge,
 * {@code wholeRun} and {@code gatling} cover the same span as Gatling's report.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Summary(String status, String simulation, ProfileView profile, TargetView target, WindowView window,
                      Map<String, RequestFigures> requests, Map<String, RequestFigures> voiceMetrics,
                      Integer peakSessionsHeld, SetupBudget setupBudget, CapacityView capacity, DegradationView degradation,
                      BaselineView baseline, InjectorView injector, SafetyView safety, List<VerdictView> thresholds,
                      Map<String, Long> usersStarted, Map<String, Long> errorMessages, MediaView media, GatlingView gatling,
                      Manifest manifest) {

    public record ProfileView(String name, String source, String description, LoadShape load,
                              Map<String, Double> mix, List<String> thresholds, int requestTimeoutMillis,
                              String connections) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TargetView(String baseUrl, boolean embedded, ContractPaths paths, String referenceFaults) {
    }

    /** Times are ISO-8601 UTC. */
    public record WindowView(String runStart, int warmUpSec, String measuredFrom, int measuredSec, String lastResponse,
                             boolean logTruncated) {
    }

    /** {@code slowest}: the measured window's slowest requests of the name with their trace ids (null: none kept). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RequestFigures(WindowFigures measured, WindowFigures wholeRun, GatlingFigures gatling,
                                 List<io.stella.harness.latency.SlowestRequests.Slow> slowest) {
        public RequestFigures(WindowFigures measured, WindowFigures wholeRun, GatlingFigures gatling) {
            this(measured, wholeRun, gatling, null);
        }

        public RequestFigures withGatling(GatlingFigures figures) {
            return new RequestFigures(measured, wholeRun, figures, slowest);
        }

        public RequestFigures withSlowest(List<io.stella.harness.latency.SlowestRequests.Slow> newSlowest) {
            return new RequestFigures(measured, wholeRun, gatling, newSlowest);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record VerdictView(String threshold, String status, String required, String actual, String reason,
                              WindowsView windows, Verdict.Measured measured) {

        /** A verdict as summary.json shows it: the sentence, its numbers, and (for a steady run) its windows. */
        public static VerdictView of(Verdict verdict, WindowsView windows) {
            return new VerdictView(verdict.threshold().describe(), verdict.status().name(), verdict.required(), verdict.actual(),
                    verdict.reason(), windows, verdict.measured());
        }
    }

    /** The threshold judged in each window of the steady state: how many windows held, failed, could not tell. */
    public record WindowsView(int windowSec, int windows, int held, int failed, int inconclusive, double heldPercent) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record GatlingView(String version, String runFolder, String report, String note) {
    }

    /**
     * Where session setup's time goes: the target on {@code sessionSetup} and, per stage, its own
     * percentiles and its share of the target at the target's percentile. Percentiles do not add up,
     * so the shares show which stage spends the budget, not a sum.
     */
    public record SetupBudget(String target, double percentile, double maxMillis, List<Stage> stages) {
        public record Stage(String stage, Double p50Millis, Double p95Millis, Double p99Millis, Double atTargetPercentileMillis,
                            Double shareOfBudgetPercent) {
        }
    }

    public Summary withGatling(Map<String, RequestFigures> newRequests, GatlingView newGatling) {
        return new Summary(status, simulation, profile, target, window, newRequests, voiceMetrics, peakSessionsHeld,
                setupBudget, capacity, degradation, baseline, injector, safety, thresholds, usersStarted, errorMessages, media, newGatling, manifest);
    }

    /** Each request's slowest requests with their trace ids, where the run kept any. */
    public Summary withSlowest(Map<String, List<io.stella.harness.latency.SlowestRequests.Slow>> slowest) {
        Map<String, RequestFigures> newRequests = new java.util.LinkedHashMap<>();
        requests.forEach((name, figures) -> newRequests.put(name, slowest.containsKey(name) ? figures.withSlowest(slowest.get(name))
                : figures));
        return new Summary(status, simulation, profile, target, window, newRequests, voiceMetrics, peakSessionsHeld, setupBudget,
                capacity, degradation, baseline, injector, safety, thresholds, usersStarted, errorMessages, media, gatling, manifest);
    }

    public Summary withCapacity(CapacityView newCapacity) {
        return new Summary(status, simulation, profile, target, window, requests, voiceMetrics, peakSessionsHeld,
                setupBudget, newCapacity, degradation, baseline, injector, safety, thresholds, usersStarted, errorMessages, media, gatling, manifest);
    }

    public Summary withInjector(InjectorView newInjector) {
        return new Summary(status, simulation, profile, target, window, requests, voiceMetrics, peakSessionsHeld,
                setupBudget, capacity, degradation, baseline, newInjector, safety, thresholds, usersStarted, errorMessages, media, gatling, manifest);
    }

    /** The same figures under another status, e.g. INTERRUPTED for a run stopped before its end. */
    public Summary withStatus(String newStatus) {
        return new Summary(newStatus, simulation, profile, target, window, requests, voiceMetrics, peakSessionsHeld,
                setupBudget, capacity, degradation, baseline, injector, safety, thresholds, usersStarted, errorMessages, media, gatling, manifest);
    }

    public Summary withSafety(SafetyView newSafety) {
        return new Summary(status, simulation, profile, target, window, requests, voiceMetrics, peakSessionsHeld,
                setupBudget, capacity, degradation, baseline, injector, newSafety, thresholds, usersStarted, errorMessages, media, gatling, manifest);
    }

    public Summary withDegradation(DegradationView newDegradation) {
        return new Summary(status, simulation, profile, target, window, requests, voiceMetrics, peakSessionsHeld,
                setupBudget, capacity, newDegradation, baseline, injector, safety, thresholds, usersStarted, errorMessages, media, gatling, manifest);
    }

    public Summary withMedia(MediaView newMedia) {
        return new Summary(status, simulation, profile, target, window, requests, voiceMetrics, peakSessionsHeld,
                setupBudget, capacity, degradation, baseline, injector, safety, thresholds, usersStarted, errorMessages, newMedia, gatling, manifest);
    }

    public Summary withBaseline(BaselineView newBaseline) {
        return new Summary(status, simulation, profile, target, window, requests, voiceMetrics, peakSessionsHeld,
                setupBudget, capacity, degradation, newBaseline, injector, safety, thresholds, usersStarted, errorMessages, media, gatling, manifest);
    }

    /**
     * What the calls over real media carried: how many were placed and went to their end, the failures
     * by reason, the agent's audio as received over all of them (packets lost, samples concealed, the
     * worst jitter, how fast the headless playout ran in percent of real time), the harness's own
     * audio clock (late ticks make the figures INCONCLUSIVE), and the conversations held, second by second.
     */
    public record MediaView(long callsPlaced, long callsCompleted, Map<String, Long> failures, AudioView audio, ClockView clock,
                            List<Integer> conversationsHeldBySecond) {
        public record AudioView(long packetsReceived, long packetsLost, double lostPercent, long samplesReceived,
                                long samplesConcealed, double concealedPercent, double worstJitterMillis,
                                double slowestPlayoutPercent, double meanPlayoutPercent) {
        }

        public record ClockView(long ticks, long lateTicks, double latePercent, long worstLateMillis, int workers) {
        }
    }

    /**
     * The overload-and-recovery phase: its verdict (PASS, FAIL or NOT RUN), the figures behind it, and
     * second by second from the overload's start what was accepted, refused and failed otherwise.
     */
    public record DegradationView(String status, String reason, Map<String, Object> evidence,
                                  List<io.stella.harness.latency.DegradationMeasurements.Second> timeline) {
    }

    /**
     * How the injector kept to its plan (users planned and started, the worst lag) and its CPU (the
     * busiest second and the mean after the warm-up, as shares of all cores; judged only for an external target, saturated when it
     * stayed at 95% or more for 3 s); in a sharded run, which injector this was, of how many, and the run id.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record InjectorView(double plannedUsers, long startedUsers, double maxBehindUsers, double maxBehindSec,
                               boolean behind, double maxCpuPercent, double meanCpuPercent, boolean cpuJudged, boolean cpuSaturated,
                               Integer shardIndex, Integer shardCount, String runId, String troubleReason) {
    }

    /**
     * The run's safety limits as they played out: the ceiling on requests in flight and the most that
     * were, users not started at that ceiling, and the {@code abortOnFail} rule that stopped the load
     * (null fields when none fired).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SafetyView(double maxRatePerSec, int maxConcurrentRequests, int peakConcurrentRequests,
                             long usersTurnedAwayAtCeiling, String abortedBy, String abortReason, Long abortedAtSec) {
    }
}
