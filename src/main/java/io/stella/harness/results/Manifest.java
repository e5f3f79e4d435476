package io.stella.harness.results;

import io.stella.harness.latency.Histograms;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/** What produced a run's figures, so two runs can be told apart and reproduced. */
public record Manifest(String harnessVersion, String gitCommit, String gatlingVersion, String jvm,
                       List<String> jvmFlags, String os, int cpus, HistogramSpec histogram,
                       String startedAt, String finishedAt) {

    /** How every histogram in the run was made; needed to read latency.hlog correctly. */
    public record HistogramSpec(String unit, int significantDigits, long highestTrackableMicros) {
        public static final HistogramSpec HARNESS = new HistogramSpec("microseconds",
                Histograms.SIGNIFICANT_DIGITS, Histograms.HIGHEST_TRACKABLE_MICROS);
    }

    public static Manifest describe(String gatlingVersion, String startedAt, String finishedAt) {
        return new Manifest(readHarnessVersion(), readGitCommit(), gatlingVersion,
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version") + " ("
                        + System.getProperty("java.vendor") + ")",
                Secrets.maskFlags(ManagementFactory.getRuntimeMXBean().getInputArguments()),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                Runtime.getRuntime().availableProcessors(), HistogramSpec.HARNESS, startedAt, finishedAt);
    }

    static String readHarnessVersion() {
        try (InputStream in = Manifest.class.getResourceAsStream("/harness.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** The commit of the working directory's checkout, with "+dirty" when it has changes; "unknown" without git. */
    static String readGitCommit() {
        String commit = git("rev-parse", "HEAD");
        if (commit == null) {
            return "unknown";
        }
        String changes = git("status", "--porcelain", "--untracked-files=no");
        return changes == null || changes.isEmpty() ? commit : commit + "+dirty";
    }

    private static String git(String... args) {
        try {
            Process process = new ProcessBuilder(concat("git", args)).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!process.waitFor(5, TimeUnit.SECONDS) || process.exitValue() != 0) {
                return null;
            }
            return output;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static String[] concat(String first, String[] rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }
}
