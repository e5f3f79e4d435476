package io.stella.harness.results;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * {@code results/<profile>-<UTC timestamp>/}, made new for every run before its load: an earlier run is
 * never overwritten, and a run that could not keep its evidence does not start. An injector of a sharded
 * run writes in its folder, before its load, which run and share it is ({@link InjectorPlan}), and why it
 * was refused if it was: an injector that dies or is refused leaves a trace the merge names.
 */
public final class RunFolder {

    /** Every figure's interval histograms, warm-up tagged apart: what a merge, a re-judge and a comparison read. */
    public static final String INTERVAL_LOG = "latency.hlog";
    /** Gatling's own report, copied in once Gatling has written it. */
    public static final String GATLING_REPORT_DIR = "gatling";
    /** Under a sharded run's folder: one folder per injector, by index. */
    public static final String INJECTORS = "injectors";
    /** An injector's plan, written before its load. */
    public static final String INJECTOR_PLAN = "injector.json";
    /** Why an injector was refused before any load (one problem a line). */
    public static final String REFUSED = "refused.txt";
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /** Which run an injector belongs to and which share of it it runs. */
    public record InjectorPlan(String runId, String profile, int shardIndex, int shardCount, String plannedAt) {
    }

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

    public static void writePlan(Path injectorFolder, InjectorPlan plan) throws IOException {
        AtomicFiles.write(injectorFolder.resolve(INJECTOR_PLAN), JSON.writeValueAsBytes(plan));
    }

    /** An injector's plan as it wrote it, or null when its folder holds none. */
    public static InjectorPlan readPlan(Path injectorFolder) throws IOException {
        Path file = injectorFolder.resolve(INJECTOR_PLAN);
        return Files.isRegularFile(file) ? JSON.readValue(file.toFile(), InjectorPlan.class) : null;
    }

    public static void writeRefusal(Path injectorFolder, java.util.List<String> problems) throws IOException {
        AtomicFiles.write(injectorFolder.resolve(REFUSED), (String.join("\n", problems) + "\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
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
