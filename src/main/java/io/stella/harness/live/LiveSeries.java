package io.stella.harness.live;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Labels;
import io.stella.harness.config.LoadPhase;
import io.stella.harness.config.LoadShape;
import io.stella.harness.config.Numbers;
import io.stella.harness.config.Threshold;
import io.stella.harness.latency.ErrorKind;

import java.util.List;
import java.util.TreeSet;
import java.util.function.DoubleSupplier;
import java.util.function.IntSupplier;

/**
 * The run's figures as Prometheus series while it goes, for a dashboard beside the target's: every
 * request and failure by name and kind, latency as histograms, the schedule (users planned, arrived,
 * started), requests in flight, the phase, the voice metrics and sessions held, the injector's CPU,
 * each abort rule's state and the run's status. Every series carries the run id, the injector, the
 * profile and the simulation as constant labels, and no other label takes an unbounded value: request
 * and metric names come from the simulation's code, kinds and phases from fixed lists.
 */
public final class LiveSeries {

    /** Every series' name begins so: the reference target's own series begin {@code stella_}, without it. */
    public static final String PREFIX = "stella_harness_";

    /**
     * Classic bucket bounds in seconds, 1 ms to 60 s, about 1.5 apart: {@code histogram_quantile}'s
     * interpolation within a bucket is then off by at most a third of a value. Each threshold's limit is
     * added as a bound of its own, so the share of answers within a limit is read exactly.
     */
    static final double[] BOUNDS_SEC = {0.001, 0.0015, 0.002, 0.003, 0.005, 0.0075, 0.01, 0.015, 0.02, 0.03, 0.05, 0.075,
            0.1, 0.15, 0.2, 0.3, 0.5, 0.75, 1, 1.5, 2, 3, 5, 7.5, 10, 15, 20, 30, 60};

    /** A run's states as {@code stella_harness_run_status} names them; RUNNING until the run is judged. */
    public static final List<String> STATUSES = List.of("RUNNING", "PASS", "FAIL", "INCONCLUSIVE", "ABORTED", "INTERRUPTED");

    /** What the series read at scrape time from the run. */
    public interface Sources {
        /** Seconds since the load started; negative before it. */
        double secondsIntoRun();

        int requestsInFlight();

        int voiceSessionsHeld();

        int mediaCallsInProgress();

        /** The injector process's CPU, share of all cores (0..1), last second sampled. */
        double injectorCpu();

        /** Each abort rule now: bad seconds in a row against its {@code forSec}, and whether it fired. */
        List<AbortRuleState> abortRules();

        /** A capacity search's arrival rate now as the search runs it (refined), or null to read the plan. */
        Double capacityRatePerSecNow();
    }

    /** An abort rule as it stands: {@code rule} is how the profile's rule reads, e.g. {@code abortOnFail/0 (all errors > 50% for 3 s)}. */
    public record AbortRuleState(String rule, int badSecondsInARow, int forSec, boolean fired) {
    }

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter requests;
    private final Counter failures;
    private final Histogram latency;
    private final Histogram voice;
    private final Counter usersArrived;
    private final Counter usersStarted;
    private volatile String status = "RUNNING";

    /**
     * @param thresholds the profile's thresholds: each latency limit is a bucket bound of its own, and
     *                   every limit a series of its own, for a dashboard to draw beside the figures
     */
    public LiveSeries(String runId, int injector, String profile, String simulation, LoadShape load,
                      List<Threshold> thresholds, Sources sources) {
        Labels run = Labels.of("run_id", runId, "injector", Integer.toString(injector), "profile", profile,
                "simulation", simulation);
        List<Threshold.PercentileLimit> latencyLimits = thresholds.stream().filter(Threshold.PercentileLimit.class::isInstance)
                .map(Threshold.PercentileLimit.class::cast).toList();
        double[] bounds = bounds(latencyLimits.stream().map(Threshold.PercentileLimit::maxMillis).toList());
        registerLimits(run, latencyLimits, thresholds);
        requests = Counter.builder().name(PREFIX + "requests").help("Requests answered (or failed), by request name")
                .labelNames("request").constLabels(run).register(registry);
        failures = Counter.builder().name(PREFIX + "request_failures").help("Requests that failed, by request name and kind")
                .labelNames("request", "kind").constLabels(run).register(registry);
        latency = Histogram.builder().name(PREFIX + "request_duration_seconds")
                .help("Request latency as the simulation timed it (whole milliseconds), by request name")
                .labelNames("request").constLabels(run).classicUpperBounds(bounds).register(registry);
        voice = Histogram.builder().name(PREFIX + "voice_duration_seconds")
                .help("Voice metrics (time to agent, voice-to-voice, ...), by metric").labelNames("metric")
                .constLabels(run).classicUpperBounds(bounds).register(registry);
        usersArrived = Counter.builder().name(PREFIX + "users_arrived")
                .help("Virtual users the injector's schedule started").constLabels(run).register(registry);
        usersStarted = Counter.builder().name(PREFIX + "users_started")
                .help("Arrived users that went ahead (not turned away at the ceiling or by a capacity search's gate)")
                .constLabels(run).register(registry);
        registerSchedule(run, load, sources);
        registerRunState(run, sources);
    }

    /** The profile's latency and error-rate limits, each a series of its own, for a dashboard to draw beside the figures. */
    private void registerLimits(Labels run, List<Threshold.PercentileLimit> latencyLimits, List<Threshold> thresholds) {
        GaugeWithCallback.builder().name(PREFIX + "threshold_seconds")
                .help("The profile's latency limits, by request (or metric) name and percentile").labelNames("request", "percentile")
                .constLabels(run).callback(callback -> latencyLimits.forEach(limit -> callback.call(limit.maxMillis() / 1000.0,
                        limit.request(), Numbers.plain(limit.percentile())))).register(registry);
        List<Threshold.ErrorRateLimit> errorLimits = thresholds.stream().filter(Threshold.ErrorRateLimit.class::isInstance)
                .map(Threshold.ErrorRateLimit.class::cast).toList();
        GaugeWithCallback.builder().name(PREFIX + "threshold_error_percent")
                .help("The profile's error-rate limits, by request name (all: every request)").labelNames("request")
                .constLabels(run).callback(callback -> errorLimits.forEach(limit -> callback.call(limit.maxErrorPercent(),
                        limit.request()))).register(registry);
    }

    /** What the schedule asks for now, and what the run holds: users planned, requests in flight, sessions, calls, CPU, phase. */
    private void registerSchedule(Labels run, LoadShape load, Sources sources) {
        CounterWithCallback.builder().name(PREFIX + "users_planned")
                .help("Users the profile's schedule planned to have started by now: planned minus arrived is the schedule lag")
                .constLabels(run).callback(callback -> callback.call(Math.round(1000 // to a thousandth: the plan's integral sums slices
                        * load.plannedUsersBetween(0, Math.max(0, sources.secondsIntoRun()))) / 1000.0)).register(registry);
        gauge("requests_in_flight", "Requests sent and not yet answered", run, sources::requestsInFlight);
        gauge("voice_sessions_held", "Voice sessions (conversations) held at once", run, sources::voiceSessionsHeld);
        gauge("media_calls_in_progress", "Calls over real media placed and not yet ended", run, sources::mediaCallsInProgress);
        gauge("injector_cpu_ratio", "The injector process's CPU, share of all cores, last second", run, sources::injectorCpu);
        gauge("arrival_rate_per_sec", "Users per second the schedule asks for now (a capacity search: as it runs)", run, () -> {
            Double searched = sources.capacityRatePerSecNow();
            return searched != null ? searched : load.plannedRateAt(Math.max(0, sources.secondsIntoRun()));
        });
        gauge("capacity_step", "A capacity search's step now (0-based), -1 outside the stairs", run,
                () -> load.stepAt(sources.secondsIntoRun()));
        GaugeWithCallback.builder().name(PREFIX + "phase").help("1 for the schedule's phase now, 0 for the others")
                .labelNames("phase").constLabels(run).callback(callback -> {
                    double sec = sources.secondsIntoRun();
                    LoadPhase now = sec < 0 ? null : load.phaseAt(sec);
                    for (LoadPhase phase : LoadPhase.values()) {
                        callback.call(phase == now ? 1 : 0, phase.label());
                    }
                }).register(registry);
    }

    /** The abort rules' state and the run's status. */
    private void registerRunState(Labels run, Sources sources) {
        GaugeWithCallback.builder().name(PREFIX + "abort_rule_bad_seconds")
                .help("An abort rule's breached seconds in a row; it fires at its forSec").labelNames("rule").constLabels(run)
                .callback(callback -> sources.abortRules().forEach(rule -> callback.call(rule.badSecondsInARow(), rule.rule())))
                .register(registry);
        GaugeWithCallback.builder().name(PREFIX + "abort_rule_fired").help("1 when the abort rule fired and stopped the load")
                .labelNames("rule").constLabels(run)
                .callback(callback -> sources.abortRules().forEach(rule -> callback.call(rule.fired() ? 1 : 0, rule.rule())))
                .register(registry);
        GaugeWithCallback.builder().name(PREFIX + "run_status").help("1 for the run's status: RUNNING until it is judged")
                .labelNames("status").constLabels(run).callback(callback -> {
                    String now = status;
                    STATUSES.forEach(each -> callback.call(each.equals(now) ? 1 : 0, each));
                }).register(registry);
    }

    private void gauge(String name, String help, Labels run, DoubleSupplier value) {
        GaugeWithCallback.builder().name(PREFIX + name).help(help).constLabels(run)
                .callback(callback -> callback.call(value.getAsDouble())).register(registry);
    }

    private void gauge(String name, String help, Labels run, IntSupplier value) {
        gauge(name, help, run, (DoubleSupplier) value::getAsInt);
    }

    static double[] bounds(List<Double> thresholdMillis) {
        TreeSet<Double> bounds = new TreeSet<>();
        for (double bound : BOUNDS_SEC) {
            bounds.add(bound);
        }
        thresholdMillis.forEach(millis -> bounds.add(millis / 1000.0));
        return bounds.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** One request answered or failed, as the simulation timed it. */
    public void requestEnded(String request, long latencyMillis, ErrorKind kindOrNull) {
        requests.labelValues(request).inc();
        latency.labelValues(request).observe(Math.max(0, latencyMillis) / 1000.0);
        if (kindOrNull != null) {
            failures.labelValues(request, kindOrNull.name()).inc();
        }
    }

    /** One voice metric's sample (a failed one counts under {@code voice} too: its time is what the caller waited). */
    public void voiceSampled(String metric, long latencyMillis) {
        voice.labelValues(metric).observe(Math.max(0, latencyMillis) / 1000.0);
    }

    /** A user the schedule started; {@code wentAhead} unless turned away. */
    public void userArrived(boolean wentAhead) {
        usersArrived.inc();
        if (wentAhead) {
            usersStarted.inc();
        }
    }

    /** The run has been judged: its status from now on. */
    public void runJudged(String runStatus) {
        status = STATUSES.contains(runStatus) ? runStatus : "FAIL";
    }

    public PrometheusRegistry registry() {
        return registry;
    }
}
