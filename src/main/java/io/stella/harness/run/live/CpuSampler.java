package io.stella.harness.run.live;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Samples this process's CPU once a second while the load runs (the share of all cores, 0..1, as
 * the JVM's OperatingSystemMXBean reports it), so the verdict can tell a saturated injector.
 */
public final class CpuSampler {

    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final List<Double> bySecond = new ArrayList<>();
    private ScheduledExecutorService timer;

    public synchronized void start() {
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "harness-cpu-sampler");
            thread.setDaemon(true);
            return thread;
        });
        os.getProcessCpuLoad(); // the first reading covers no interval
        timer.scheduleAtFixedRate(this::sample, 1, 1, TimeUnit.SECONDS);
    }

    private synchronized void sample() {
        double load = os.getProcessCpuLoad();
        bySecond.add(load < 0 ? 0 : load);
    }

    /** The last second's sample (0..1 of all cores), 0 before the first. */
    public synchronized double lastSample() {
        return bySecond.isEmpty() ? 0 : bySecond.get(bySecond.size() - 1);
    }

    /** Stops sampling; the samples, second by second since {@link #start()}. */
    public synchronized double[] stop() {
        if (timer != null) {
            timer.shutdownNow();
        }
        return bySecond.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
