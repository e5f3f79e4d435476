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

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private RunFolder() {
    }

    public static Path create(Path resultsRoot, String profile, Instant startedAt) throws IOException {
        Files.createDirectories(resultsRoot);
        String base = profile + "-" + STAMP.format(startedAt);
        for (int attempt = 1; ; attempt++) {
            Path folder = resultsRoot.resolve(attempt == 1 ? base : base + "-" + attempt);
            try {
                return Files.createDirectory(folder);
            } catch (FileAlreadyExistsException taken) {
                // another run started in the same second: take the next suffix
            }
        }
    }
}
