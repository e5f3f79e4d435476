package io.stella.harness.latency;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The slowest requests of each name in the measured window, with the trace id each carried: the
 * exemplars of the tail, so that a P99 can be looked up in the team's tracing (Jaeger, Tempo, ...) or
 * logs (the trace id is also the request's {@code X-Request-Id}). Kept as they end, a few per name.
 */
public final class SlowestRequests {

    /** One slow request: its trace id, when it started (ISO-8601 UTC) and how long it took. */
    public record Slow(String traceId, String startedAt, long latencyMillis) {
    }

    public static final int KEPT = 5;

    private record Ended(String traceId, long startEpochMillis, long latencyMillis) {
    }

    private static final Comparator<Ended> FASTEST_FIRST = Comparator.comparingLong(Ended::latencyMillis)
            .thenComparingLong(ended -> -ended.startEpochMillis());

    /** One name's slowest so far, and the latency a request must exceed to join them once they are full. */
    private static final class Kept {
        final PriorityQueue<Ended> slowest = new PriorityQueue<>(KEPT + 1, FASTEST_FIRST);
        volatile long floorMillis = -1;
    }

    private final Map<String, Kept> byName = new ConcurrentHashMap<>();

    /** On every request's end: most are not among the slowest and leave without taking the lock. */
    public void record(String request, String traceId, long startEpochMillis, long latencyMillis) {
        Kept kept = byName.computeIfAbsent(request, name -> new Kept());
        if (latencyMillis <= kept.floorMillis) {
            return;
        }
        synchronized (kept) {
            if (kept.slowest.size() == KEPT && kept.slowest.peek().latencyMillis() >= latencyMillis) {
                return;
            }
            kept.slowest.add(new Ended(traceId, startEpochMillis, latencyMillis));
            if (kept.slowest.size() > KEPT) {
                kept.slowest.poll();
            }
            if (kept.slowest.size() == KEPT) {
                kept.floorMillis = kept.slowest.peek().latencyMillis();
            }
        }
    }

    /** Each name's slowest, slowest first; names in order. */
    public Map<String, List<Slow>> slowest() {
        Map<String, List<Slow>> slowest = new LinkedHashMap<>();
        new TreeMap<>(byName).forEach((name, kept) -> {
            List<Ended> ended;
            synchronized (kept) {
                ended = new ArrayList<>(kept.slowest);
            }
            ended.sort(FASTEST_FIRST.reversed());
            slowest.put(name, ended.stream().map(each -> new Slow(each.traceId(),
                    Instant.ofEpochMilli(each.startEpochMillis()).toString(), each.latencyMillis())).toList());
        });
        return slowest;
    }
}
