package io.stella.harness.run.end;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/** Finds the {@code simulation.log} of the run that is ending among Gatling's run folders. */
final class SimulationLogs {

    static final String FILE_NAME = "simulation.log";

    private SimulationLogs() {
    }

    /** The newest log written since {@code startedAt}: Gatling names its folders, we only know when. */
    static Optional<Path> newestSince(Path gatlingResultsDir, Instant startedAt) throws IOException {
        if (!Files.isDirectory(gatlingResultsDir)) {
            return Optional.empty();
        }
        FileTime since = FileTime.from(startedAt.minusSeconds(1));
        try (Stream<Path> runs = Files.list(gatlingResultsDir)) {
            return runs.map(run -> run.resolve(FILE_NAME))
                    .filter(Files::isRegularFile)
                    .filter(log -> modified(log).compareTo(since) >= 0)
                    .max(Comparator.comparing(SimulationLogs::modified));
        }
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }
}
