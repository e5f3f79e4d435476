package io.stella.harness.verdict;

import io.stella.harness.config.Threshold;
import io.stella.harness.latency.ErrorKind;
import io.stella.harness.latency.RequestsSinceRunStart;
import io.stella.harness.latency.LatencyWindow;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The share of {@value #WINDOW_SEC}-second windows of the steady state (after warm-up and ramp) in
 * which each threshold held, beside the whole-run figure: a target met on average but missed for a
 * minute shows here. A request belongs to the window it started in; windows are judged as soon as no
 * more of their requests can arrive, so only a few are open at once and memory stays flat.
 */
public final class WindowedCompliance extends RequestsSinceRunStart {

    public static final int WINDOW_SEC = 10;

    /** How one threshold fared window by window; windows where its request did not run are not counted. */
    public record Tally(Threshold threshold, int held, int failed, int inconclusive) {
        public int windows() {
            return held + failed + inconclusive;
        }

        public double heldPercent() {
            return windows() == 0 ? Double.NaN : 100.0 * held / windows();
        }
    }

    private final List<Threshold> thresholds;
    private final long steadyFromMillis;
    private final long fullWindows;
    private final long openForMillis;
    private final TreeMap<Long, Map<String, LatencyWindow>> open = new TreeMap<>();
    private final Map<Threshold, int[]> counts = new LinkedHashMap<>();

    /**
     * @param steadyFromMillis  when the steady state starts, after the run start (warm-up and ramp excluded)
     * @param steadyUntilMillis when it ends; only whole windows inside it count (a partial one would
     *                          understate throughput)
     * @param requestTimeoutMillis how long after its start a request can still appear in the log
     */
    public WindowedCompliance(List<Threshold> thresholds, long steadyFromMillis, long steadyUntilMillis,
                              long requestTimeoutMillis) {
        this.thresholds = List.copyOf(thresholds);
        this.steadyFromMillis = steadyFromMillis;
        this.fullWindows = Math.max(0, (steadyUntilMillis - steadyFromMillis) / (WINDOW_SEC * 1000L));
        this.openForMillis = requestTimeoutMillis + 2L * WINDOW_SEC * 1000;
        thresholds.forEach(threshold -> counts.put(threshold, new int[3]));
    }

    @Override
    protected void onRequest(Request request, long sinceStart) {
        if (sinceStart < steadyFromMillis) {
            return;
        }
        long window = (sinceStart - steadyFromMillis) / (WINDOW_SEC * 1000L);
        if (window >= fullWindows) {
            return;
        }
        ErrorKind error = request.ok() ? null : ErrorKind.of(request.message());
        Map<String, LatencyWindow> byName = open.computeIfAbsent(window, w -> new HashMap<>());
        for (String name : new String[] {request.name(), Threshold.ALL_REQUESTS}) {
            byName.computeIfAbsent(name, n -> new LatencyWindow(LatencyWindow.GATLING_RESOLUTION_MICROS))
                    .record(request.responseTimeMillis() * 1000L, error);
        }
        long endedBy = (request.endEpochMillis() - runStartEpochMillis() - steadyFromMillis - openForMillis) / (WINDOW_SEC * 1000L);
        while (!open.isEmpty() && open.firstKey() < endedBy) {
            judge(open.pollFirstEntry().getValue());
        }
    }

    private void judge(Map<String, LatencyWindow> byName) {
        ThresholdEvaluator evaluator = new ThresholdEvaluator(byName::get, WINDOW_SEC);
        for (Threshold threshold : thresholds) {
            LatencyWindow window = byName.get(threshold.request());
            if (window == null || window.count() == 0) {
                continue;
            }
            int[] tally = counts.get(threshold);
            switch (evaluator.evaluate(threshold).status()) {
                case PASS -> tally[0]++;
                case FAIL -> tally[1]++;
                case INCONCLUSIVE -> tally[2]++;
            }
        }
    }

    /** The tallies, once the whole log has been read; the last windows are judged now. */
    public List<Tally> tallies() {
        while (!open.isEmpty()) {
            judge(open.pollFirstEntry().getValue());
        }
        return counts.entrySet().stream().map(e -> new Tally(e.getKey(), e.getValue()[0], e.getValue()[1], e.getValue()[2]))
                .toList();
    }
}
