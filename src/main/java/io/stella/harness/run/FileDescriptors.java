package io.stella.harness.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A run that asks for more arrivals than the machine can hold may end with every file descriptor
 * still taken by sockets that are closing. Writing the results (and loading the classes that write
 * them) needs a few; waiting for them is better than losing what was measured.
 */
final class FileDescriptors {

    private static final long PROBE_EVERY_MILLIS = 100;

    private FileDescriptors() {
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
