package io.stella.harness.results;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** {@code results/<profile>-<UTC timestamp>/}, made new for every run: an earlier run is never overwritten. */
public final class RunFolder {

    /** Under a sharded run's folder: one folder per injector, by index. */
    public static final String INJECTORS = "injectors";

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private RunFolder() {
    }

    /** A run's name, {@code <profile>-<UTC stamp>}: its folder's (but for a suffix when two start in one second). */
    public static String name(String profile, Instant startedAt) {
        return profile + "-" + STAMP.format(startedAt);
    }

    public static Path create(Path resultsRoot, String profile, Instant startedAt) throws IOException {
        Files.createDirectories(resultsRoot);
        String base = name(profile, startedAt);
        for (int attempt = 1; ; attempt++) {
            Path folder = resultsRoot.resolve(attempt == 1 ? base : base + "-" + attempt);
            try {
                return Files.createDirectory(folder);
            } catch (FileAlreadyExistsException taken) {
                // another run started in the same second: take the next suffix
            }
        }
    }

    /**
     * {@code results/<run id>/injectors/<index>/} for one injector of a sharded run; refused if it
     * exists (a run id is used once), so an earlier run's results are never overwritten.
     */
    public static Path createInjector(Path resultsRoot, String runId, int index) throws IOException {
        Path injectors = Files.createDirectories(resultsRoot.resolve(runId).resolve(INJECTORS));
        try {
            return Files.createDirectory(injectors.resolve(Integer.toString(index)));
        } catch (FileAlreadyExistsException taken) {
            throw new IOException(taken.getFile() + " already exists: run id " + runId + " was used before; give each run its own",
                    taken);
        }
    }
}
