package io.stella.harness.reference;

import io.javalin.http.Context;
import io.javalin.http.Handler;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Wraps every route: sheds API calls over the concurrency limit with an immediate 503 (never a
 * queue that ends in a timeout), injects the configured faults, and records each answer's latency
 * in the metrics. An added delay holds the finished answer on a timer, not on a server thread, so a
 * stalled target still accepts connections the way a real one in a GC pause does.
 */
final class CallGuard implements AutoCloseable {

    private final Semaphore inFlight;
    private final InjectedFaults faults;
    private final ReferenceMetrics metrics;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "reference-delay-timer");
        thread.setDaemon(true);
        return thread;
    });

    CallGuard(int maxConcurrent, InjectedFaults faults, ReferenceMetrics metrics) {
        this.inFlight = new Semaphore(maxConcurrent);
        this.faults = faults;
        this.metrics = metrics;
    }

    /** An API call: limited, may fail on purpose. */
    Handler api(String route, Handler inner) {
        return ctx -> handle(ctx, route, inner, true);
    }

    /** A probe, metrics or asset call: never shed or failed on purpose, but delayed like the rest. */
    Handler probe(String route, Handler inner) {
        return ctx -> handle(ctx, route, inner, false);
    }

    private void handle(Context ctx, String route, Handler inner, boolean api) throws Exception {
        long startNanos = System.nanoTime();
        if (api && !inFlight.tryAcquire()) {
            ApiErrors.refuse(ctx, 503, 1, "overloaded", "too many requests in flight; retry later");
            record(ctx, route, startNanos);
            return;
        }
        boolean held = false;
        try {
            if (api && faults.nextCallFails()) {
                ApiErrors.send(ctx, 500, "injected_failure", "the reference target was told to fail this share of calls");
            } else {
                inner.handle(ctx);
            }
            long delayMicros = faults.delayMicros(System.currentTimeMillis());
            if (delayMicros > 0) {
                held = true;
                CompletableFuture<Void> release = new CompletableFuture<>();
                timer.schedule(() -> release.complete(null), delayMicros, TimeUnit.MICROSECONDS);
                ctx.future(() -> release.whenComplete((ignored, error) -> {
                    record(ctx, route, startNanos);
                    if (api) {
                        inFlight.release();
                    }
                }));
            }
        } finally {
            if (!held) {
                record(ctx, route, startNanos);
                if (api) {
                    inFlight.release();
                }
            }
        }
    }

    private void record(Context ctx, String route, long startNanos) {
        metrics.observe(ctx.method().name(), route, ctx.status().getCode(), (System.nanoTime() - startNanos) / 1e9);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
