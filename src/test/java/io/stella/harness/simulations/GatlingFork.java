package io.stella.harness.simulations;

import io.stella.harness.run.HarnessRun;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Runs a simulation in its own JVM the way {@code mvn gatling:test} does (Gatling's main class,
 * the plugin's JVM flags, the test classpath), so tests see the exit code and output a user sees.
 * The child never inherits target settings from the environment: tests only ever reach the
 * embedded reference target on loopback.
 */
final class GatlingFork {

    /** A run that has not ended by then is killed: every profile used in tests lasts well under a minute. */
    static final long TIMEOUT_SEC = 240;

    /** What a forked run left: its exit code, everything it printed, and where it wrote. */
    record Result(int exitCode, String output, Path resultsRoot, Path gatlingResults) {
        /** The run folders it created (there is one for every run that measured anything). */
        List<Path> runFolders() throws IOException {
            if (!Files.isDirectory(resultsRoot)) {
                return List.of();
            }
            try (var folders = Files.list(resultsRoot)) {
                return folders.filter(Files::isDirectory).sorted().toList();
            }
        }

        Path onlyRunFolder() throws IOException {
            List<Path> folders = runFolders();
            if (folders.size() != 1) {
                throw new AssertionError("expected one run folder, found " + folders + "\n" + output);
            }
            return folders.get(0);
        }
    }

    /**
     * Runs of one test class that may overlap, each started once for the class and read by its own
     * test: the first test to ask for any of them starts them all, at most {@code threads} at a time,
     * in the order added. Only for runs that are wall-clock bound and light on CPU, whose assertions
     * do not depend on latency (error counting, abort rules, refusals, signals, merges). Every
     * {@link #result} waits for all of the group's runs to end, so none outlives the test that started
     * them and overlaps a run elsewhere in the class or suite that is timed.
     */
    static final class SideBySide {
        private final int threads;
        private final Map<String, Callable<Result>> runs = new LinkedHashMap<>();
        private Map<String, Future<Result>> started;

        SideBySide(int threads) {
            this.threads = threads;
        }

        /** A run of the group, by its key; call before the first {@link #result}. */
        synchronized SideBySide add(String key, Callable<Result> run) {
            if (started != null || runs.putIfAbsent(key, run) != null) {
                throw new IllegalStateException("run " + key + " added twice or after the group started");
            }
            return this;
        }

        /** The run's result, once every run of the group has ended; a run that threw throws here, in its own test. */
        synchronized Result result(String key) throws Exception {
            if (!runs.containsKey(key)) {
                throw new IllegalArgumentException("no run " + key + " in " + runs.keySet());
            }
            if (started == null) {
                ExecutorService pool = Executors.newFixedThreadPool(threads, task -> {
                    Thread thread = new Thread(task, "side-by-side-fork");
                    thread.setDaemon(true);
                    return thread;
                });
                started = new LinkedHashMap<>();
                runs.forEach((name, run) -> started.put(name, pool.submit(run)));
                pool.shutdown();
            }
            for (Future<Result> each : started.values()) {
                try {
                    each.get();
                } catch (ExecutionException e) {
                    // that run's own test reports it
                }
            }
            try {
                return started.get(key).get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof Exception cause) {
                    throw cause;
                }
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw new AssertionError("run " + key + " failed", e.getCause());
            }
        }
    }

    private GatlingFork() {
    }

    static Result run(String name, Map<String, String> properties) throws IOException, InterruptedException {
        return run(name, BackendApiSimulation.class, properties);
    }

    static Result run(String name, Class<?> simulation, Map<String, String> properties)
            throws IOException, InterruptedException {
        return run(name, simulation, properties, List.of());
    }

    /** The run, sent SIGINT (as Ctrl-C does; see {@link #stopSignal()}) {@code interruptAfter} after it started, unless null. */
    static Result run(String name, Class<?> simulation, Map<String, String> properties, Duration interruptAfter)
            throws IOException, InterruptedException {
        return run(name, simulation.getName(), List.of(), properties, interruptAfter);
    }

    /** A simulation compiled elsewhere (a user's own), its classes in {@code extraClasspath} before the harness's. */
    static Result run(String name, String simulationClass, List<Path> extraClasspath, Map<String, String> properties,
                      Duration interruptAfter) throws IOException, InterruptedException {
        List<Step> steps = interruptAfter == null ? List.of() : List.of(new Step(interruptAfter, GatlingFork::interrupt));
        return run(name, simulationClass, extraClasspath, properties, steps);
    }

    /** Something done to the running harness (its process) at a time after it started. */
    record Step(Duration at, ProcessAction action) {
    }

    interface ProcessAction {
        void on(Process harness) throws IOException, InterruptedException;
    }

    /** The run, with each step done at its time (steps in time order; a step due after the run ended is skipped). */
    static Result run(String name, Class<?> simulation, Map<String, String> properties, List<Step> steps)
            throws IOException, InterruptedException {
        return run(name, simulation.getName(), List.of(), properties, steps);
    }

    /**
     * The run, with {@code action} done {@code after} the harness first printed a line containing
     * {@code printed} (skipped if the run ended before): a step timed from what the run is doing, not
     * from when its JVM happened to start on a busy machine.
     */
    static Result run(String name, Class<?> simulation, Map<String, String> properties, String printed, Duration after,
                      ProcessAction action) throws IOException, InterruptedException {
        return run(name, simulation, properties, printed, List.of(new Step(after, action)));
    }

    /** The run, with each step done at its time counted from the harness's first line containing {@code printed}. */
    static Result run(String name, Class<?> simulation, Map<String, String> properties, String printed, List<Step> steps)
            throws IOException, InterruptedException {
        return run(name, simulation.getName(), List.of(), properties, steps, printed);
    }

    /** Sends the harness SIGINT, as Ctrl-C does (see {@link #stopSignal()}). */
    static void interrupt(Process harness) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-" + stopSignal(), Long.toString(harness.pid())).inheritIO().start().waitFor();
    }

    /** Kills the harness and every process it started with SIGKILL, as an OOM kill or a lost pod does: nothing runs after. */
    static void kill(Process harness) {
        harness.descendants().forEach(ProcessHandle::destroyForcibly);
        harness.destroyForcibly();
    }

    private static Result run(String name, String simulationClass, List<Path> extraClasspath, Map<String, String> properties,
                              List<Step> steps) throws IOException, InterruptedException {
        return run(name, simulationClass, extraClasspath, properties, steps, null);
    }

    /** @param stepsFrom the text whose first printing starts the steps' clock; null for the JVM's start */
    private static Result run(String name, String simulationClass, List<Path> extraClasspath, Map<String, String> properties,
                              List<Step> steps, String stepsFrom) throws IOException, InterruptedException {
        Path work = Path.of("target", "e2e", name).toAbsolutePath();
        deleteTree(work);
        Files.createDirectories(work);
        Path resultsRoot = work.resolve("results");
        Path gatlingResults = work.resolve("gatling");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1G", "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/jdk.internal.misc=ALL-UNNAMED",
                "-cp", classpath(extraClasspath),
                "-D" + HarnessRun.RESULTS_ROOT + "=" + resultsRoot, "-D" + HarnessRun.GATLING_RESULTS + "=" + gatlingResults));
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("io.gatling.app.Gatling", "--simulation", simulationClass,
                "--results-folder", gatlingResults.toString()));
        Path log = work.resolve("output.log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(GatlingFork::mayPointAtATarget);
        Process process = builder.start();
        long startedNanos = System.nanoTime();
        if (stepsFrom == null || awaitPrinted(process, log, stepsFrom, startedNanos)) {
            doSteps(process, steps, System.nanoTime());
        }
        if (!process.waitFor(TIMEOUT_SEC, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("the run did not end within " + TIMEOUT_SEC + " s:\n" + Files.readString(log));
        }
        return new Result(process.exitValue(), Files.readString(log), resultsRoot, gatlingResults);
    }

    /** Each step at its time from {@code fromNanos}; those due after the run ended are skipped. */
    private static void doSteps(Process process, List<Step> steps, long fromNanos) throws IOException, InterruptedException {
        for (Step step : steps) {
            long waitMillis = step.at().toMillis() - (System.nanoTime() - fromNanos) / 1_000_000;
            if (!process.waitFor(Math.max(0, waitMillis), TimeUnit.MILLISECONDS)) {
                step.action().on(process);
            }
        }
    }

    /** Whether the running harness printed {@code text} (polled; false once it ended without, or after {@link #TIMEOUT_SEC}). */
    private static boolean awaitPrinted(Process process, Path log, String text, long startedNanos)
            throws IOException, InterruptedException {
        while (System.nanoTime() - startedNanos < TimeUnit.SECONDS.toNanos(TIMEOUT_SEC)) {
            boolean ended = !process.isAlive();
            if (new String(Files.readAllBytes(log), java.nio.charset.StandardCharsets.UTF_8).contains(text)) {
                return !ended;
            }
            if (ended) {
                return false;
            }
            Thread.sleep(50);
        }
        return false;
    }

    /** The test class path the way surefire gives it, after any extra entries. */
    static String classpath(List<Path> extra) {
        List<String> entries = new ArrayList<>(extra.stream().map(Path::toString).toList());
        entries.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
        return String.join(java.io.File.pathSeparator, entries);
    }

    /**
     * INT, as Ctrl-C sends; TERM when this JVM ignores SIGINT. A process started in the background by a
     * shell (`.ci/run &`) ignores SIGINT, and its children inherit that: a Ctrl-C could never reach
     * them. The harness handles both signals the same way.
     */
    static String stopSignal() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("SigIgn:")) {
                    long ignored = Long.parseUnsignedLong(line.substring("SigIgn:".length()).trim(), 16);
                    return (ignored & (1L << (2 - 1))) != 0 ? "TERM" : "INT"; // bit n-1 is signal n; SIGINT is 2
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux: send INT
        }
        return "INT";
    }

    private static boolean mayPointAtATarget(String variable) {
        return variable.startsWith("STELLA_") || variable.startsWith("LIVEKIT_") || variable.startsWith("REFERENCE_")
                || variable.equals("DATABASE_URL") || variable.equals("JWT_SECRET") || variable.equals("CORS_ORIGINS");
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var tree = Files.walk(root)) {
            for (Path path : tree.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(path);
            }
        }
    }
}
