package io.stella.harness.run;

import sun.misc.Signal;
import sun.misc.SignalHandler;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Ctrl-C (SIGINT) or SIGTERM during a run asks it to stop rather than killing it: the run then ends
 * the way it ends at its planned end, so Gatling writes out the measurements it still holds in
 * memory and every figure so far reaches the results. A second signal stops the JVM at once.
 */
public final class Interrupts {

    private static final List<String> SIGNALS = List.of("INT", "TERM");
    private final AtomicBoolean requested = new AtomicBoolean();
    private volatile String signal;

    /**
     * Installs the handlers; {@code onFirst} runs (on the signal's thread) when the first one arrives.
     * Where the JVM does not allow it, the default handling stays (an immediate, partial stop).
     */
    public void install(Runnable onFirst) {
        for (String name : SIGNALS) {
            try {
                Signal.handle(new Signal(name), received -> {
                    if (requested.compareAndSet(false, true)) {
                        signal = "SIG" + received.getName();
                        SIGNALS.forEach(other -> Signal.handle(new Signal(other), SignalHandler.SIG_DFL));
                        onFirst.run();
                    }
                });
            } catch (IllegalArgumentException e) {
                // this signal cannot be handled here (e.g. the JVM uses it): keep its default
            }
        }
    }

    public boolean requested() {
        return requested.get();
    }

    /** The signal that asked to stop, e.g. SIGINT; null when none did. */
    public String signal() {
        return signal;
    }
}
