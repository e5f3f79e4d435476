package io.stella.harness.run;

import io.stella.harness.judgement.RunJudgement;
import io.stella.harness.config.ConfigException;
import io.stella.harness.config.Numbers;
import io.stella.harness.config.Settings;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The one instant every injector of a sharded run starts its load at, so that their measured
 * windows overlap and their merge describes the load the profile planned. Given
 * ({@code -Dshard.startAt=2026-12-01T10:00:00Z}, or epoch milliseconds, e.g. by the scheduler that
 * starts the injectors), or agreed through the shared results folder ({@code shared}, the default):
 * the first injector to arrive writes {@code <results>/<run id>/start-at}, {@code shard.startDelaySec}
 * (default 10) ahead, and the others read it. An injector that would start more than the allowed skew
 * late refuses, saying so, rather than measure a window the others did not.
 */
public final class ShardStart {

    public static final String START_AT = "shard.startAt";
    public static final String START_DELAY = "shard.startDelaySec";
    public static final String SHARED = "shared";
    public static final String FILE_NAME = "start-at";
    static final int DEFAULT_DELAY_SEC = 10;

    private ShardStart() {
    }

    /** The agreed instant for this injector of {@code runId}. */
    public static Instant agree(Settings settings, Path resultsRoot, String runId, Clock clock) {
        String asked = settings.getOrDefault(START_AT, SHARED).trim();
        Instant startAt = asked.equals(SHARED) ? shared(settings, resultsRoot.resolve(runId).resolve(FILE_NAME), clock)
                : parse("-D" + START_AT, asked);
        requireNotLate(startAt, clock);
        return startAt;
    }

    /**
     * Waits until {@code startAt}, saying how long; refuses if it has already passed by more than the allowed
     * skew, and if the wait is interrupted.
     */
    public static void await(Instant startAt, Clock clock) throws InterruptedException {
        requireNotLate(startAt, clock);
        long waitMillis = startAt.toEpochMilli() - clock.millis();
        if (waitMillis <= 0) {
            return;
        }
        System.out.println("  start   waiting " + seconds(waitMillis) + " s for the injectors' common start at " + startAt);
        // interrupted, it throws: starting early would measure a window the other injectors did not
        Thread.sleep(waitMillis);
    }

    private static void requireNotLate(Instant startAt, Clock clock) {
        long lateMillis = clock.millis() - startAt.toEpochMilli();
        if (lateMillis > RunJudgement.DEFAULT_MAX_START_SKEW_MILLIS) {
            throw new ConfigException("-D" + START_AT + ": the injectors' start " + startAt + " passed " + seconds(lateMillis)
                    + " s ago; this injector would measure a window the others did not (a run id used before? choose another "
                    + io.stella.harness.config.Shard.RUN_ID + "; nothing was sent)");
        }
    }

    private static String seconds(long millis) {
        return Numbers.plain(Math.round(millis / 100.0) / 10.0);
    }

    private static Instant shared(Settings settings, Path file, Clock clock) {
        double delaySec = Numbers.parsePositive("-D" + START_DELAY,
                settings.getOrDefault(START_DELAY, Integer.toString(DEFAULT_DELAY_SEC)));
        Instant proposed = Instant.ofEpochMilli(clock.millis() + Math.round(delaySec * 1000));
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, proposed.toString(), StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
            return proposed;
        } catch (FileAlreadyExistsException another) {
            return readWritten(file);
        } catch (IOException e) {
            throw new ConfigException(file + ": the injectors' start cannot be agreed here (" + e.getMessage() + ")");
        }
    }

    /** What the first injector wrote; a write still under way is read again, for up to a second. */
    private static Instant readWritten(Path file) {
        for (int attempt = 0; ; attempt++) {
            try {
                return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8).trim());
            } catch (IOException | ConfigException e) {
                if (attempt >= 20) {
                    throw new ConfigException(file + ": holds no start instant (" + e.getMessage() + ")");
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new ConfigException(file + ": interrupted while reading the injectors' start");
                }
            }
        }
    }

    static Instant parse(String where, String text) {
        try {
            return text.matches("\\d{10,}") ? Instant.ofEpochMilli(Long.parseLong(text)) : Instant.parse(text);
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new ConfigException(where + ": must be an instant such as 2026-12-01T10:00:00Z, epoch milliseconds, or "
                    + SHARED + " (was " + text + ")");
        }
    }
}
