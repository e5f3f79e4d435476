package io.stella.harness.run.end;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A run that asks for more arrivals than the machine can hold may end with every file descriptor
 * taken by sockets: its end runs while Gatling's connections are still open. Writing the results (and
 * loading the classes that write them) needs a few; a reserve held from the load's start and given
 * back just before, and waiting for one if that is not enough, is better than losing what was measured.
 */
public final class FileDescriptors {

    /** Descriptors held from the load's start for the run's end: it writes a handful of files and loads some classes. */
    public static final int RESERVED = 32;

    private static final long PROBE_EVERY_MILLIS = 100;

    private FileDescriptors() {
    }

    /** Descriptors held open (on /dev/null) until {@link #close}: the run's end gets them back. */
    public static final class Reserve implements AutoCloseable {
        private final java.util.List<java.io.FileInputStream> held = new java.util.ArrayList<>();

        @Override
        public synchronized void close() {
            held.forEach(stream -> {
                try {
                    stream.close();
                } catch (IOException e) {
                    // a descriptor that will not close is one fewer given back, nothing more
                }
            });
            held.clear();
        }
    }

    /** Holds up to {@code count} descriptors; fewer when the process has fewer to spare (the run goes on regardless). */
    public static Reserve reserve(int count) {
        Reserve reserve = new Reserve();
        for (int i = 0; i < count; i++) {
            try {
                reserve.held.add(new java.io.FileInputStream("/dev/null"));
            } catch (IOException e) {
                break;
            }
        }
        return reserve;
    }

    /** Waits until a file can be opened, at most {@code maxMillis}; returns how long it waited. */
    static long awaitOneFree(long maxMillis) {
        long startNanos = System.nanoTime();
        while (true) {
            try {
                Path probe = Files.createTempFile("stella-harness-fd", ".probe");
                Files.delete(probe);
                return (System.nanoTime() - startNanos) / 1_000_000;
            } catch (IOException e) {
                long waitedMillis = (System.nanoTime() - startNanos) / 1_000_000;
                if (waitedMillis >= maxMillis) {
                    return waitedMillis;
                }
                try {
                    Thread.sleep(PROBE_EVERY_MILLIS);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return waitedMillis;
                }
            }
        }
    }
}
