package io.stella.harness.latency;

import io.stella.harness.config.Threshold;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns Gatling's request records into HdrHistograms: per request name and for all requests
 * together, for the whole run and for the measured window that starts after the warm-up.
 */
public final class RunMeasurements implements GatlingLogListener {

    private static final int MAX_DISTINCT_ERROR_MESSAGES = 50;
    private static final String OTHER_MESSAGES = "(other messages)";

    private final long warmUpMillis;
    private final IntervalLogRecorder intervals;
    private final StepMeasurements steps;
    private final Map<String, RequestStats> byRequest = new TreeMap<>();
    private final RequestStats all = RequestStats.named(Threshold.ALL_REQUESTS);
    private final Map<String, Long> errorMessages = new LinkedHashMap<>();
    private final Map<String, Long> usersStartedByScenario = new TreeMap<>();
    private final List<Long> userStartsPerSecond = new ArrayList<>();
    private Run run;
    private long lastEndEpochMillis;

    /**
     * @param warmUpMillis how long after the run start requests are kept out of the measured window
     * @param intervals    where to write the interval log, or null for none
     */
    public RunMeasurements(long warmUpMillis, IntervalLogRecorder intervals) {
        this(warmUpMillis, intervals, null);
    }

    /** @param steps where a capacity search's requests go step by step, or null for a run without stairs */
    public RunMeasurements(long warmUpMillis, IntervalLogRecorder intervals, StepMeasurements steps) {
        this.warmUpMillis = warmUpMillis;
        this.intervals = intervals;
        this.steps = steps;
    }

    @Override
    public void onRun(Run run) {
        this.run = run;
    }

    @Override
    public void onRequest(Request request) {
        long latencyMicros = request.responseTimeMillis() * 1000L;
        ErrorKind error = request.ok() ? null : ErrorKind.of(request.message());
        boolean measured = run == null || request.startEpochMillis() >= measuredFromEpochMillis();
        RequestStats stats = byRequest.computeIfAbsent(request.name(), RequestStats::named);
        for (RequestStats target : new RequestStats[] {stats, all}) {
            target.wholeRun().record(latencyMicros, error);
            if (measured) {
                target.measured().record(latencyMicros, error);
            }
        }
        if (error != null) {
            countMessage(request.name() + ": " + request.message());
        }
        if (intervals != null) {
            intervals.record(measured ? request.name() : IntervalLogRecorder.WARM_UP_TAG_PREFIX + request.name(),
                    request.endEpochMillis(), latencyMicros);
        }
        if (steps != null && run != null) {
            steps.record(request.name(), request.startEpochMillis() - run.startEpochMillis(), latencyMicros, error);
        }
        lastEndEpochMillis = Math.max(lastEndEpochMillis, request.endEpochMillis());
    }

    @Override
    public void onUser(User user) {
        if (user.start()) {
            usersStartedByScenario.merge(user.scenario(), 1L, Long::sum);
            if (run != null) {
                int second = (int) Math.max(0, (user.epochMillis() - run.startEpochMillis()) / 1000);
                while (userStartsPerSecond.size() <= second) {
                    userStartsPerSecond.add(0L);
                }
                userStartsPerSecond.set(second, userStartsPerSecond.get(second) + 1);
            }
        }
    }

    @Override
    public void onError(String message, long epochMillis) {
        countMessage("(outside a request): " + message);
    }

    private void countMessage(String message) {
        String key = errorMessages.containsKey(message) || errorMessages.size() < MAX_DISTINCT_ERROR_MESSAGES
                ? message : OTHER_MESSAGES;
        errorMessages.merge(key, 1L, Long::sum);
    }

    public Run run() {
        return run;
    }

    public long measuredFromEpochMillis() {
        return run.startEpochMillis() + warmUpMillis;
    }

    public long lastEndEpochMillis() {
        return lastEndEpochMillis;
    }

    /** Per request name, sorted by name. */
    public Map<String, RequestStats> byRequest() {
        return Collections.unmodifiableMap(byRequest);
    }

    public RequestStats all() {
        return all;
    }

    /** The request name's stats, {@link #all()} for {@code "all"}, or null if it never ran. */
    public RequestStats lookup(String request) {
        return Threshold.ALL_REQUESTS.equals(request) ? all : byRequest.get(request);
    }

    /** The capacity search's steps, or null for a run without stairs. */
    public StepMeasurements steps() {
        return steps;
    }

    public Map<String, Long> errorMessages() {
        return Collections.unmodifiableMap(errorMessages);
    }

    /** Users Gatling started in each second since the run start: how the injector kept to its plan. */
    public List<Long> userStartsPerSecond() {
        return Collections.unmodifiableList(userStartsPerSecond);
    }

    public Map<String, Long> usersStartedByScenario() {
        return Collections.unmodifiableMap(usersStartedByScenario);
    }
}
