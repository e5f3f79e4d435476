package io.stella.harness.latency;

import io.stella.harness.config.Degradation;
import io.stella.harness.config.Threshold;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The degradation phase's figures from Gatling's log. During the overload: accepted answers'
 * latencies, refusals (429/503, read from the status check's message) with their latencies, and
 * every other failure by kind (whether refusals carried {@code Retry-After} is counted live, as
 * Gatling's log keeps no headers). After it: the thresholds' requests in consecutive
 * {@value Degradation#RECOVERY_WINDOW_SEC}-second windows, to see when they hold again. Second by
 * second through both: what the degradation timeline plots. A request belongs to the moment it started.
 */
public final class DegradationMeasurements extends RequestsSinceRunStart {

    private static final Pattern REFUSAL_STATUS = Pattern.compile("found (429|503)\\b");
    private static final long TIMELINE_HIGHEST_MICROS = 60_000_000L;

    /** One second of the phase: arrivals answered, refused and failed otherwise, and accepted answers' P99. */
    /** {@code acceptedP99Millis} is null in a second where nothing was accepted. */
    public record Second(int secondOfPhase, long accepted, long refused, long failed, Double acceptedP99Millis) {
    }

    private final Degradation degradation;
    private final long overloadFromMillis;
    private final long overloadUntilMillis;
    private final long recoveryUntilMillis;
    private final Set<String> thresholdRequests;
    private final LatencyWindow accepted = new LatencyWindow(LatencyWindow.GATLING_RESOLUTION_MICROS);
    private final LatencyWindow refusals = new LatencyWindow(LatencyWindow.GATLING_RESOLUTION_MICROS);
    private final EnumMap<ErrorKind, Long> otherFailures = new EnumMap<>(ErrorKind.class);
    private final List<Map<String, LatencyWindow>> recoveryWindows = new ArrayList<>();
    private final List<long[]> countsBySecond = new ArrayList<>();
    private final List<Histogram> acceptedBySecond = new ArrayList<>();
    private long overloadRequests;

    /**
     * @param overloadStartSec  seconds after the run start when the overload's first arrivals are due
     * @param thresholdRequests the request names the profile's thresholds name ("all" included)
     */
    public DegradationMeasurements(Degradation degradation, int overloadStartSec, Set<String> thresholdRequests) {
        this.degradation = degradation;
        this.overloadFromMillis = overloadStartSec * 1000L;
        this.overloadUntilMillis = overloadFromMillis + degradation.overloadSec() * 1000L;
        this.recoveryUntilMillis = overloadUntilMillis + degradation.recoverySec() * 1000L;
        this.thresholdRequests = Set.copyOf(thresholdRequests);
        for (int i = 0; i < degradation.recoverySec() / Degradation.RECOVERY_WINDOW_SEC; i++) {
            recoveryWindows.add(new HashMap<>());
        }
    }

    @Override
    protected void onRequest(Request request, long sinceStart) {
        if (sinceStart < overloadFromMillis || sinceStart >= recoveryUntilMillis) {
            return;
        }
        long latencyMicros = request.responseTimeMillis() * 1000;
        String message = request.message() == null ? "" : request.message();
        boolean refused = !request.ok() && REFUSAL_STATUS.matcher(message).find();
        ErrorKind error = request.ok() ? null : ErrorKind.of(message);
        int second = (int) ((sinceStart - overloadFromMillis) / 1000);
        countSecond(second, request.ok(), refused, latencyMicros);
        if (sinceStart < overloadUntilMillis) {
            overloadRequests++;
            if (request.ok()) {
                accepted.record(latencyMicros, null);
            } else if (refused) {
                refusals.record(latencyMicros, error);
            } else {
                otherFailures.merge(error, 1L, Long::sum);
            }
            return;
        }
        int window = (int) ((sinceStart - overloadUntilMillis) / (Degradation.RECOVERY_WINDOW_SEC * 1000L));
        if (window < recoveryWindows.size()) {
            for (String name : new String[] {request.name(), Threshold.ALL_REQUESTS}) {
                if (thresholdRequests.contains(name)) {
                    recoveryWindows.get(window).computeIfAbsent(name, n -> new LatencyWindow(LatencyWindow.GATLING_RESOLUTION_MICROS))
                            .record(latencyMicros, error);
                }
            }
        }
    }

    private void countSecond(int second, boolean ok, boolean refused, long latencyMicros) {
        while (countsBySecond.size() <= second) {
            countsBySecond.add(new long[3]);
            acceptedBySecond.add(new Histogram(TIMELINE_HIGHEST_MICROS, 2));
        }
        countsBySecond.get(second)[ok ? 0 : refused ? 1 : 2]++;
        if (ok) {
            acceptedBySecond.get(second).recordValue(Math.min(latencyMicros, TIMELINE_HIGHEST_MICROS));
        }
    }

    public Degradation degradation() {
        return degradation;
    }

    public long overloadRequests() {
        return overloadRequests;
    }

    /** Answers accepted during the overload. */
    public LatencyWindow accepted() {
        return accepted;
    }

    /** 429 and 503 answers during the overload. */
    public LatencyWindow refusals() {
        return refusals;
    }

    /** Failures during the overload that were not refusals: timeouts, other statuses, dropped connections. */
    public Map<ErrorKind, Long> otherFailures() {
        return Collections.unmodifiableMap(otherFailures);
    }

    public long otherFailureCount() {
        return otherFailures.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Window by window after the overload, request name (and "all") to its figures. */
    public List<Map<String, LatencyWindow>> recoveryWindows() {
        return Collections.unmodifiableList(recoveryWindows);
    }

    /** Second by second from the overload's start to the recovery's end. */
    public List<Second> timeline() {
        List<Second> seconds = new ArrayList<>();
        for (int i = 0; i < countsBySecond.size(); i++) {
            long[] counts = countsBySecond.get(i);
            Histogram acceptedMicros = acceptedBySecond.get(i);
            seconds.add(new Second(i, counts[0], counts[1], counts[2], acceptedMicros.getTotalCount() == 0 ? null
                    : Math.round(acceptedMicros.highestEquivalentValue(acceptedMicros.getValueAtPercentile(99)) / 1000.0 * 10) / 10.0));
        }
        return seconds;
    }
}
