package io.stella.harness.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stella.harness.config.ConfigException;
import io.stella.harness.verdict.BaselineComparison;
import io.stella.harness.verdict.FigureTrend;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The trend file of repeated runs ({@code -Dhistory=<file>}, e.g. the nightly capacity run): one JSON
 * line per run with its knee, each request's measured P50, P95, P99 and error rate, a capacity search's
 * planned steps that held (each request's percentiles at each), the status and the number of
 * regressions, so that a trend can be read, diffed or plotted with any JSON-lines tool, and a run
 * compared with the band the good runs before it span. A line of its own records a new level someone
 * accepted ({@link Acceptance}). The file is rewritten whole each time (temp file and rename), never
 * left half-written. Lines written before P50, P95 or the steps were kept read those as absent.
 */
public final class History {

    /** One run's line. {@code stepFigures}: a capacity search's figures at each planned step that held, by name. */
    public record Entry(String runStart, String profile, String simulation, String status, String signOff,
                        Double kneeRatePerSec, Map<String, Double> p99Millis, Map<String, Double> errorPercent,
                        int regressions, String folder, Map<String, Double> p50Millis, Map<String, Double> p95Millis,
                        Map<String, Double> stepFigures) {
    }

    /**
     * A new level accepted: the runs of {@code profile} that regressed since its last good run (named by
     * their start) are good runs from now on, and the level they measured is the one later runs are judged
     * against. Who accepted it and why are kept with it.
     */
    public record Acceptance(String acceptedAt, String profile, String by, String why, List<String> runStarts) {
        public Acceptance {
            runStarts = List.copyOf(runStarts);
        }
    }

    /** A history file read back: its runs and acceptances, each oldest first. */
    public record Contents(List<Entry> runs, List<Acceptance> acceptances) {
        public Contents {
            runs = List.copyOf(runs);
            acceptances = List.copyOf(acceptances);
        }
    }

    /** An acceptance's line holds this field; a run's line never does. */
    static final String ACCEPTED = "accepted";
    private static final ObjectMapper JSON = new ObjectMapper();

    private History() {
    }

    public static Entry entryOf(Summary summary, String signOff, Path folder, Map<String, Double> stepFigures) {
        Map<String, Double> p50 = new LinkedHashMap<>();
        Map<String, Double> p95 = new LinkedHashMap<>();
        Map<String, Double> p99 = new LinkedHashMap<>();
        Map<String, Double> errors = new LinkedHashMap<>();
        summary.requests().forEach((name, figures) -> {
            p50.put(name, figures.measured().percentilesMillis().get("p50"));
            p95.put(name, figures.measured().percentilesMillis().get("p95"));
            p99.put(name, figures.measured().percentilesMillis().get("p99"));
            errors.put(name, figures.measured().errorPercent());
        });
        return new Entry(summary.window().runStart(), summary.profile().name(), summary.simulation(), summary.status(), signOff,
                summary.capacity() == null ? null : summary.capacity().kneeRatePerSec(), p99, errors,
                summary.baseline() == null ? 0 : summary.baseline().regressions().size(), folder.toString(), p50, p95,
                stepFigures.isEmpty() ? null : stepFigures);
    }

    /**
     * Refuses, before any load, a history this run could neither read nor add to: a folder, an unreadable
     * or unwritable file, a line that is no entry (named by file and line), a folder for it that cannot
     * be made. A file not written yet is fine: the first night makes it.
     */
    public static void requireUsable(Path file) {
        if (Files.isDirectory(file)) {
            throw new ConfigException("history: " + file + " is a folder; give the history file (JSON lines) a folder holds");
        }
        if (Files.exists(file)) {
            if (!Files.isReadable(file) || !Files.isWritable(file)) {
                throw new ConfigException("history: " + file + " cannot be " + (Files.isReadable(file) ? "written" : "read"));
            }
            try {
                read(file);
            } catch (IOException e) {
                throw new ConfigException("history: " + e.getMessage() + "; mend or move the file, nothing was sent");
            }
            return;
        }
        Path parent = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new ConfigException("history: " + file + ": its folder cannot be made (" + e + ")");
        }
        if (!Files.isWritable(parent)) {
            throw new ConfigException("history: " + file + ": its folder " + parent + " cannot be written");
        }
    }

    /** The runs and acceptances of a history file, oldest first; none when there is no file yet. */
    public static Contents read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return new Contents(List.of(), List.of());
        }
        List<Entry> runs = new ArrayList<>();
        List<Acceptance> acceptances = new ArrayList<>();
        int number = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            try {
                JsonNode node = JSON.readTree(line);
                if (node != null && node.has(ACCEPTED)) {
                    acceptances.add(required(JSON.treeToValue(node.get(ACCEPTED), Acceptance.class)));
                } else {
                    runs.add(required(JSON.treeToValue(node, Entry.class)));
                }
            } catch (com.fasterxml.jackson.core.JacksonException | IllegalArgumentException e) {
                String why = e instanceof com.fasterxml.jackson.core.JacksonException json ? json.getOriginalMessage() : e.getMessage();
                throw new IOException(file + ": line " + number + " is no history entry (" + why + ")");
            }
        }
        return new Contents(runs, acceptances);
    }

    private static Entry required(Entry entry) {
        if (entry == null || entry.runStart() == null || entry.profile() == null) {
            throw new IllegalArgumentException("a run's line needs runStart and profile");
        }
        return entry;
    }

    private static Acceptance required(Acceptance acceptance) {
        if (acceptance == null || acceptance.profile() == null || acceptance.by() == null || acceptance.runStarts().isEmpty()) {
            throw new IllegalArgumentException("an acceptance needs profile, by and runStarts");
        }
        return acceptance;
    }

    /** A good run and the level it measured (0 before any acceptance, one more with each). */
    public record GoodRun(Entry run, int level) {
    }

    /**
     * The good runs of {@code profile}, oldest first, each with its level: a run counts when it went to
     * its end with figures that describe the target (not ABORTED, INTERRUPTED or INCONCLUSIVE) and did not
     * regress, or regressed and was accepted. A regressed run must not widen the band the next night is
     * judged by (a lasting slowdown would read GO on its second night); an aborted or interrupted run
     * measured part of its plan; an inconclusive one measured the harness. Each acceptance starts a new
     * level with the first run it accepted.
     */
    public static List<GoodRun> goodRuns(Contents contents, String profile) {
        Set<String> accepted = new HashSet<>();
        Set<String> levelStarts = new HashSet<>();
        for (Acceptance acceptance : contents.acceptances()) {
            if (acceptance.profile().equals(profile)) {
                accepted.addAll(acceptance.runStarts());
                levelStarts.add(acceptance.runStarts().get(0));
            }
        }
        List<GoodRun> good = new ArrayList<>();
        int level = 0;
        for (Entry run : contents.runs()) {
            if (!run.profile().equals(profile)) {
                continue;
            }
            if (levelStarts.contains(run.runStart()) && !good.isEmpty()) {
                level++;
            }
            boolean measuredTheTarget = !List.of("ABORTED", "INTERRUPTED", "INCONCLUSIVE").contains(run.status());
            if (measuredTheTarget && (run.regressions() == 0 || accepted.contains(run.runStart()))) {
                good.add(new GoodRun(run, level));
            }
        }
        return good;
    }

    /** The runs of {@code profile} that regressed since its last good run, oldest first: what an acceptance takes in. */
    public static List<Entry> unacceptedRegressions(Contents contents, String profile) {
        List<GoodRun> good = goodRuns(contents, profile);
        String lastGood = good.isEmpty() ? null : good.get(good.size() - 1).run().runStart();
        List<Entry> since = new ArrayList<>();
        boolean after = lastGood == null;
        for (Entry run : contents.runs()) {
            if (run.runStart().equals(lastGood)) {
                after = true;
            } else if (after && run.profile().equals(profile) && run.regressions() > 0) {
                since.add(run);
            }
        }
        return since;
    }

    /**
     * Each figure's values over the good runs of {@code profile}, oldest first, named as a baseline
     * comparison names them ({@code "token P50 (ms)"}, {@code "token errors (%)"}, {@code "knee (journeys/s)"},
     * {@code "token P95 (ms) at 40/s"}), each with its run's level; a run that lacks a figure adds nothing to it.
     */
    public static Map<String, List<FigureTrend.Night>> nights(Contents contents, String profile) {
        Map<String, List<FigureTrend.Night>> byFigure = new LinkedHashMap<>();
        for (GoodRun good : goodRuns(contents, profile)) {
            Entry run = good.run();
            addAll(byFigure, run, good.level(), run.p50Millis(), " P50 (ms)");
            addAll(byFigure, run, good.level(), run.p95Millis(), " P95 (ms)");
            addAll(byFigure, run, good.level(), run.p99Millis(), " P99 (ms)");
            addAll(byFigure, run, good.level(), run.errorPercent(), " errors (%)");
            addAll(byFigure, run, good.level(), run.stepFigures(), "");
            if (run.kneeRatePerSec() != null) {
                byFigure.computeIfAbsent(BaselineComparison.KNEE, k -> new ArrayList<>())
                        .add(new FigureTrend.Night(run.runStart(), run.kneeRatePerSec(), good.level()));
            }
        }
        return byFigure;
    }

    private static void addAll(Map<String, List<FigureTrend.Night>> byFigure, Entry run, int level, Map<String, Double> values,
                               String suffix) {
        if (values != null) {
            values.forEach((name, value) -> {
                if (value != null) {
                    byFigure.computeIfAbsent(name + suffix, k -> new ArrayList<>()).add(new FigureTrend.Night(run.runStart(), value, level));
                }
            });
        }
    }

    public static void append(Path file, Entry entry) throws IOException {
        appendLine(file, JSON.writeValueAsString(entry));
    }

    /** Records an acceptance, on a line of its own after the runs it accepts. */
    public static void append(Path file, Acceptance acceptance) throws IOException {
        appendLine(file, JSON.writeValueAsString(Map.of(ACCEPTED, acceptance)));
    }

    private static void appendLine(Path file, String line) throws IOException {
        String before = Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        if (!before.isEmpty() && !before.endsWith("\n")) {
            before += "\n";
        }
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        AtomicFiles.write(file, (before + line + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
