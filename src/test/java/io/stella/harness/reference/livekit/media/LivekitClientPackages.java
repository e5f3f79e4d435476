package io.stella.harness.reference.livekit.media;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * LiveKit's JavaScript client and playwright-core at the versions src/test/resources/livekit-client
 * pins (package-lock.json), with the page and the browser driver beside them, in target/livekit-client.
 * A fresh clone gets them installed by the first run ({@code npm ci}); later runs reuse them while
 * the lock file is unchanged.
 */
final class LivekitClientPackages {

    static final Path SOURCE = Path.of("src/test/resources/livekit-client");
    static final Path INSTALLED = Path.of("target/livekit-client");
    private static final List<String> FILES = List.of("package.json", "package-lock.json", "drive-chromium.mjs",
            "call.html", "caller-speech.wav");
    private static final Duration NPM_CI_TIMEOUT = Duration.ofMinutes(5);

    private LivekitClientPackages() {
    }

    /** The installed folder, installing first when the pinned packages are not there yet. */
    static Path installed() throws IOException, InterruptedException {
        Files.createDirectories(INSTALLED);
        boolean upToDate = Files.isRegularFile(INSTALLED.resolve("node_modules/.package-lock.json"))
                && Files.isRegularFile(INSTALLED.resolve("package-lock.json"))
                && Arrays.equals(Files.readAllBytes(SOURCE.resolve("package-lock.json")),
                Files.readAllBytes(INSTALLED.resolve("package-lock.json")));
        for (String file : FILES) {
            Files.copy(SOURCE.resolve(file), INSTALLED.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        if (!upToDate) {
            // --ignore-scripts: nothing may download a browser of its own; the test uses Debian's.
            BoundedProcess.Outcome npm = BoundedProcess.run(List.of("npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund"),
                    INSTALLED, Map.of(), NPM_CI_TIMEOUT, line -> { });
            if (npm.exitCode() != 0) {
                throw new IOException("npm ci in " + INSTALLED + " failed (exit " + npm.exitCode() + "): " + npm.reason());
            }
        }
        return INSTALLED;
    }

    /** livekit-client's browser bundle, as a page loads it with a script tag. */
    static Path browserBundle() {
        return INSTALLED.resolve("node_modules/livekit-client/dist/livekit-client.umd.js");
    }

    /** Whether a command is on the PATH, so that its absence can skip a test with a reason. */
    static boolean onPath(String command) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, command)));
    }
}
