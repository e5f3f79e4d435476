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
    public record TargetView(String baseUrl, boolean embedded, ContractPaths paths, String referenceFaults,
                             String referenceAgentFaults) {
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

    /** A summary built by name; what is not set is absent from summary.json. */
    public static Builder builder() {
        return new Builder();
    }

    /** This summary's fields in a builder, to change some of them. */
    public Builder toBuilder() {
        return new Builder().status(status).simulation(simulation).profile(profile).target(target).window(window)
                .requests(requests).voiceMetrics(voiceMetrics).peakSessionsHeld(peakSessionsHeld).setupBudget(setupBudget)
                .capacity(capacity).degradation(degradation).baseline(baseline).injector(injector).safety(safety)
                .thresholds(thresholds).usersStarted(usersStarted).errorMessages(errorMessages).media(media).gatling(gatling)
                .manifest(manifest);
    }

    /** Each request's slowest requests with their trace ids, where the run kept any. */
    public Summary withSlowest(Map<String, List<io.stella.harness.latency.SlowestRequests.Slow>> slowest) {
        Map<String, RequestFigures> newRequests = new java.util.LinkedHashMap<>();
        requests.forEach((name, figures) -> newRequests.put(name, slowest.containsKey(name) ? figures.withSlowest(slowest.get(name))
                : figures));
        return toBuilder().requests(newRequests).build();
    }

    /** Builds a {@link Summary} by name. */
    public static final class Builder {
        private String status;
        private String simulation;
        private ProfileView profile;
        private TargetView target;
        private WindowView window;
        private Map<String, RequestFigures> requests;
        private Map<String, RequestFigures> voiceMetrics;
        private Integer peakSessionsHeld;
        private SetupBudget setupBudget;
        private CapacityView capacity;
        private DegradationView degradation;
        private BaselineView baseline;
        private InjectorView injector;
        private SafetyView safety;
        private List<VerdictView> thresholds;
        private Map<String, Long> usersStarted;
        private Map<String, Long> errorMessages;
        private MediaView media;
        private GatlingView gatling;
        private Manifest manifest;

        private Builder() {
        }

        public Builder status(String status) {
            this.status = status;
            return this;
        }

        public Builder simulation(String simulation) {
            this.simulation = simulation;
            return this;
        }

        public Builder profile(ProfileView profile) {
            this.profile = profile;
            return this;
        }

        public Builder target(TargetView target) {
            this.target = target;
            return this;
        }

        public Builder window(WindowView window) {
            this.window = window;
            return this;
        }

        public Builder requests(Map<String, RequestFigures> requests) {
            this.requests = requests;
            return this;
        }

        public Builder voiceMetrics(Map<String, RequestFigures> voiceMetrics) {
            this.voiceMetrics = voiceMetrics;
            return this;
        }

        public Builder peakSessionsHeld(Integer peakSessionsHeld) {
            this.peakSessionsHeld = peakSessionsHeld;
            return this;
        }

        public Builder setupBudget(SetupBudget setupBudget) {
            this.setupBudget = setupBudget;
            return this;
        }

        public Builder capacity(CapacityView capacity) {
            this.capacity = capacity;
            return this;
        }

        public Builder degradation(DegradationView degradation) {
            this.degradation = degradation;
            return this;
        }

        public Builder baseline(BaselineView baseline) {
            this.baseline = baseline;
            return this;
        }

        public Builder injector(InjectorView injector) {
            this.injector = injector;
            return this;
        }

        public Builder safety(SafetyView safety) {
            this.safety = safety;
            return this;
        }

        public Builder thresholds(List<VerdictView> thresholds) {
            this.thresholds = thresholds;
            return this;
        }

        public Builder usersStarted(Map<String, Long> usersStarted) {
            this.usersStarted = usersStarted;
            return this;
        }

        public Builder errorMessages(Map<String, Long> errorMessages) {
            this.errorMessages = errorMessages;
            return this;
        }

        public Builder media(MediaView media) {
            this.media = media;
            return this;
        }

        public Builder gatling(GatlingView gatling) {
            this.gatling = gatling;
            return this;
        }

        public Builder manifest(Manifest manifest) {
            this.manifest = manifest;
            return this;
        }

        public Summary build() {
            return new Summary(status, simulation, profile, target, window, requests, voiceMetrics, peakSessionsHeld, setupBudget,
                    capacity, degradation, baseline, injector, safety, thresholds, usersStarted, errorMessages, media, gatling, manifest);
        }
    }

    /**
     * What the calls over real media carried: how many were placed and went to their end, the failures
     * by reason, the agent's audio as received over all of them (packets lost, samples concealed, the
     * worst jitter, how fast the headless playout ran in percent of real time), how many answered turns the
     * agent's published states split into stages, the harness's own
     * audio clock (late ticks make the figures INCONCLUSIVE), the UDP datagrams this machine dropped for
     * full socket buffers during the run (null where it cannot tell; any makes them INCONCLUSIVE too), and
     * the conversations held, second by second.
     */
    public record MediaView(long callsPlaced, long callsCompleted, Map<String, Long> failures, AudioView audio,
                            AudioSentView audioSent, AgentStagesView agentStages, ClockView clock,
                            Long socketBufferDrops, List<Integer> conversationsHeldBySecond, AgentFaultsView agentFaults) {
        public record AudioView(long packetsReceived, long packetsLost, double lostPercent, long samplesReceived,
                                long samplesConcealed, double concealedPercent, double worstJitterMillis,
                                double slowestPlayoutPercent, double meanPlayoutPercent, long packetsRejected,
                                long packetsDroppedByNetwork) {
        }

        /**
         * The callers' audio as sent (packet engine; null when no call sent any on it): packets sent, those the
         * profile's network dropped on their way (applied), and from the far end's RTCP reports (measured) the
         * calls reported, the packets expected and lost at the far end, in percent.
         */
        public record AudioSentView(long packetsSent, long packetsDroppedByNetwork, long callsReported,
                                    long packetsExpectedAtFarEnd, long packetsLostAtFarEnd, double lostAtFarEndPercent) {
        }

        /**
         * Answered turns split into the agent's stages from the {@code lk.agent.state} it published, and those it published
         * none for; {@code agentPublishesNoState} when no turn could be split (voice to voice then stands alone).
         */
        public record AgentStagesView(long turnsStaged, long turnsNotStaged, boolean agentPublishesNoState) {
        }

        /**
         * The agent pool's faults as the calls met them (null when none did): calls whose agent left mid-call, those of
         * them that went to their end (survived), agents that left and were replaced (re-dispatched) or not, and calls
         * with two agents in their room at once. How long each replacement took is the {@code agentRecovery} figure.
         */
        public record AgentFaultsView(long callsAgentLeft, long callsSurvived, long agentsReplaced, long agentsNotReplaced,
                                      long callsWithTwoAgents) {
        }

        /** {@code lateTicksBySecond}: the late ticks in each second from the run's start, so that a reader sees when it fell behind. */
        public record ClockView(long ticks, long lateTicks, double latePercent, long worstLateMillis, int workers,
                                List<Long> lateTicksBySecond) {
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
