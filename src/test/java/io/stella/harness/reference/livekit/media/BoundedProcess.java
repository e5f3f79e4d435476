package io.stella.harness.reference.livekit.media;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A child process with a deadline: its output lines go to a consumer as they come, and one still
 * running at the deadline is ended, its own children (Chromium's, npm's) first, by their ids.
 */
final class BoundedProcess {

    /** How it ended: the exit code and what it printed on stderr. */
    record Outcome(int exitCode, List<String> errorLines) {
        /** What the process said went wrong, in one line: its first line naming an error, else its last. */
        String reason() {
            return errorLines.stream().filter(line -> line.toLowerCase(java.util.Locale.ROOT).contains("error")).findFirst()
                    .orElse(errorLines.isEmpty() ? "(nothing on stderr)" : errorLines.get(errorLines.size() - 1));
        }
    }

    private BoundedProcess() {
    }

    static Outcome run(List<String> command, Path directory, Map<String, String> environment, Duration timeout,
                       Consumer<String> outputLines) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        process.getOutputStream().close();
        List<String> errorLines = Collections.synchronizedList(new ArrayList<>());
        Thread output = drain(process.getInputStream(), outputLines);
        Thread errors = drain(process.getErrorStream(), errorLines::add);
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new IOException(command.get(0) + " did not finish within " + timeout.toSeconds() + " s and was ended");
        }
        output.join(5_000);
        errors.join(5_000);
        return new Outcome(process.exitValue(), List.copyOf(errorLines));
    }

    private static Thread drain(InputStream stream, Consumer<String> lines) {
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.accept(line);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, "child-output");
        reader.setDaemon(true);
        reader.start();
        return reader;
    }
}
