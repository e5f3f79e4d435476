package io.stella.harness.livekit.packet;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * When the connections of a process send their RTCP reports: one timer thread for all of them, each
 * connection about every 5 s as libwebrtc sends for audio, every interval drawn from half to one and a
 * half times that (RFC 3550 6.3.1: reports of many senders do not fall into step), the first within
 * 1.5 s of media coming up.
 */
final class RtcpClock {

    static final long MEAN_INTERVAL_MILLIS = 5_000;

    private static final class Holder {
        static final RtcpClock SHARED = new RtcpClock();
    }

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "packet-rtcp");
        thread.setDaemon(true);
        return thread;
    });

    private RtcpClock() {
    }

    static RtcpClock shared() {
        return Holder.SHARED;
    }

    /** Runs {@code report} on the schedule above until the schedule is stopped. */
    Schedule every(Runnable report) {
        Schedule schedule = new Schedule(report);
        schedule.next(spread(MEAN_INTERVAL_MILLIS / 5));
        return schedule;
    }

    private static long spread(long meanMillis) {
        return ThreadLocalRandom.current().nextLong(meanMillis / 2, meanMillis * 3 / 2 + 1);
    }

    /** One connection's reports. */
    final class Schedule {
        private final Runnable report;
        private volatile boolean closed;

        Schedule(Runnable report) {
            this.report = report;
        }

        void next(long delayMillis) {
            if (!closed) {
                timer.schedule(this::run, delayMillis, TimeUnit.MILLISECONDS);
            }
        }

        /** No report after this one, if one is running now. */
        void stop() {
            closed = true;
        }

        private void run() {
            if (closed) {
                return;
            }
            try {
                report.run();
            } catch (RuntimeException e) {
                System.err.println("an RTCP report could not be sent: " + e); // one connection's trouble, not the clock's
            }
            next(spread(MEAN_INTERVAL_MILLIS));
        }
    }
}
