package io.stella.harness.reference;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpResponseException;

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
 * <p>
 * With fast shedding switched off, every refusal (429 or 503) is held {@value #SLOW_REFUSAL_MILLIS} ms
 * and sent as a bare 503 without {@code Retry-After}: what a client sees of a server that queues work
 * until it gives up. The graceful-degradation verdict must catch that.
 */
final class CallGuard implements AutoCloseable {

    static final long SLOW_REFUSAL_MILLIS = 1000;

    private final Semaphore inFlight;
    private final boolean fastShedding;
    private final InjectedFaults faults;
    private final ReferenceMetrics metrics;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "reference-delay-timer");
        thread.setDaemon(true);
        return thread;
    });

    CallGuard(int maxConcurrent, boolean fastShedding, InjectedFaults faults, ReferenceMetrics metrics) {
        this.inFlight = new Semaphore(maxConcurrent);
        this.fastShedding = fastShedding;
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
        if (api && !bodyArrivedWhole(ctx, route, startNanos)) {
            return;
        }
        if (api && !inFlight.tryAcquire()) {
            ApiErrors.refuse(ctx, 503, 1, "overloaded", "too many requests in flight; retry later");
            if (!refuseSlowly(ctx, () -> record(ctx, route, startNanos))) {
                record(ctx, route, startNanos);
            }
            return;
        }
        boolean held = false;
        try {
            if (api && faults.nextCallFails()) {
                ApiErrors.send(ctx, 500, "injected_failure", "the reference target was told to fail this share of calls");
            } else {
                inner.handle(ctx);
            }
            Runnable done = () -> {
                record(ctx, route, startNanos);
                if (api) {
                    inFlight.release();
                }
            };
            held = refuseSlowly(ctx, done);
            long delayMicros = faults.delayMicros(ctx.method().name(), route, (System.nanoTime() - startNanos) / 1000,
                    System.currentTimeMillis());
            if (!held && delayMicros > 0) {
                held = true;
                hold(ctx, delayMicros, done);
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

    /**
     * Waits for a request's whole body before it may take a place in flight, as a buffering proxy (nginx's
     * {@code proxy_request_buffering}) does: a client that sends its body slowly then costs one thread, not one
     * of the few places, and cannot shut out everyone else. False after a refusal (a body over the size limit).
     */
    private boolean bodyArrivedWhole(Context ctx, String route, long startNanos) {
        boolean chunked = "chunked".equalsIgnoreCase(ctx.header("Transfer-Encoding"));
        if (ctx.req().getContentLengthLong() <= 0 && !chunked) {
            return true;
        }
        try {
            ctx.bodyAsBytes();
            return true;
        } catch (HttpResponseException e) {
            ApiErrors.send(ctx, e.getStatus(), ApiErrors.nameOf(e.getStatus()), e.getMessage());
        } catch (Exception e) { // the client hung up or stalled past the idle timeout: nobody to blame but it
            ApiErrors.send(ctx, 400, "bad_request", "the request body did not arrive whole");
        }
        record(ctx, route, startNanos);
        return false;
    }

    /** With fast shedding off, turns a refusal into a slow bare 503; true when it did (the answer is held). */
    private boolean refuseSlowly(Context ctx, Runnable done) {
        int status = ctx.status().getCode();
        if (fastShedding || (status != 429 && status != 503)) {
            return false;
        }
        ctx.res().setHeader("Retry-After", null);
        ApiErrors.send(ctx, 503, "unavailable", "the server gave up on this request");
        hold(ctx, SLOW_REFUSAL_MILLIS * 1000, done);
        return true;
    }

    private void hold(Context ctx, long delayMicros, Runnable done) {
        CompletableFuture<Void> release = new CompletableFuture<>();
        timer.schedule(() -> release.complete(null), delayMicros, TimeUnit.MICROSECONDS);
        ctx.future(() -> release.whenComplete((ignored, error) -> done.run()));
    }

    private void record(Context ctx, String route, long startNanos) {
        metrics.observe(ctx.method().name(), route, ctx.status().getCode(), (System.nanoTime() - startNanos) / 1e9);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
