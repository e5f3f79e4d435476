package io.stella.harness.reference.livekit.media;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Debian's headless Chromium making one call from the voice app's page, through playwright-core
 * (drive-chromium.mjs under node); the page's console is echoed, and its report returned.
 */
final class ChromiumCaller {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final String REPORT_PREFIX = "CALL_REPORT ";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path packages;

    ChromiumCaller(Path packages) {
        this.packages = packages;
    }

    /**
     * Opens the page with the fake microphone saying {@code callerWav} over and over, and calls.
     *
     * @param replies  how many times the agent is to be heard before the page hangs up
     * @param listenMs how long the page listens at most once its microphone is published
     */
    PageReport call(URI pageUrl, Path callerWav, int replies, long listenMs, double speechDbfs)
            throws IOException, InterruptedException {
        // The driver's budget: Chromium's start, the join and the listening, with room to spare;
        // this JVM ends the driver, Chromium included, a little after that.
        long deadlineMs = listenMs + 45_000;
        String options = JSON.createObjectNode().put("replies", replies).put("listenMs", listenMs).put("speechDbfs", speechDbfs)
                .toString();
        AtomicReference<String> report = new AtomicReference<>();
        BoundedProcess.Outcome driver = BoundedProcess.run(List.of("node", "drive-chromium.mjs"), packages,
                Map.of("PAGE_URL", pageUrl.toString(), "CALLER_WAV", callerWav.toAbsolutePath().toString(),
                        "CALL_OPTIONS", options, "DEADLINE_MS", Long.toString(deadlineMs)),
                Duration.ofMillis(deadlineMs + 15_000), line -> {
                    if (line.startsWith(REPORT_PREFIX)) {
                        report.set(line.substring(REPORT_PREFIX.length()));
                    } else {
                        System.out.println(line);
                    }
                });
        if (driver.exitCode() != 0 || report.get() == null) {
            throw new IOException("the browser made no call (node exit " + driver.exitCode() + "): " + driver.reason());
        }
        return new PageReport(JSON.readTree(report.get()));
    }
}
