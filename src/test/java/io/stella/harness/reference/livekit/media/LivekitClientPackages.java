package io.stella.harness.reference.livekit.media;

import io.stella.harness.testing.PinnedNpmPackages;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

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

    private LivekitClientPackages() {
    }

    /** The installed folder, installing first when the pinned packages are not there yet. */
    static Path installed() throws IOException, InterruptedException {
        return PinnedNpmPackages.installed(SOURCE, INSTALLED, FILES);
    }

    /** livekit-client's browser bundle, as a page loads it with a script tag. */
    static Path browserBundle() {
        return INSTALLED.resolve("node_modules/livekit-client/dist/livekit-client.umd.js");
    }

    static boolean onPath(String command) {
        return PinnedNpmPackages.onPath(command);
    }
}
