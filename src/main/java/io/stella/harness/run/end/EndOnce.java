package io.stella.harness.run.end;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * A run's end pass, done once by whichever thread comes first (the simulation's end, a watchdog after
 * a signal, the JVM's exit after a second signal) and awaited by the others, each for a bounded time:
 * the results are written once, by one thread, and never twice over each other.
 */
public final class EndOnce {

    private final AtomicBoolean started = new AtomicBoolean();
    private final CompletableFuture<Ended> ended = new CompletableFuture<>();

    /** Runs {@code pass} on this thread if no other has begun it; else waits for the other's, at most {@code maxWaitMillis}. */
    public Optional<Ended> runOrAwait(Supplier<Ended> pass, long maxWaitMillis) {
        if (started.compareAndSet(false, true)) {
            try {
                ended.complete(pass.get());
            } catch (RuntimeException | Error e) {
                ended.complete(Ended.failed());
                throw e;
            }
        }
        return await(maxWaitMillis);
    }

    /** Whether a thread has begun the pass. */
    public boolean started() {
        return started.get();
    }

    /** The pass's outcome once done, waiting at most {@code maxWaitMillis}; empty when it is not done by then. */
    public Optional<Ended> await(long maxWaitMillis) {
        try {
            return Optional.of(ended.get(maxWaitMillis, TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException e) {
            return Optional.of(Ended.failed());
        }
    }
}
