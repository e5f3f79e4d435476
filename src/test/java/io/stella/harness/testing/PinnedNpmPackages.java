package io.stella.harness.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * npm packages a test runs against, pinned by a package-lock.json under src/test/resources and
 * installed into target/ by the first run ({@code npm ci}); later runs reuse them while the lock
 * file is unchanged. The files beside the lock file (scripts, pages) are copied over every time.
 */
public final class PinnedNpmPackages {

    private static final long NPM_CI_TIMEOUT_SEC = 300;

    private PinnedNpmPackages() {
    }

    /** {@code into}, with {@code files} copied from {@code source} and the locked packages installed. */
    public static Path installed(Path source, Path into, List<String> files) throws IOException, InterruptedException {
        Files.createDirectories(into);
        boolean upToDate = Files.isRegularFile(into.resolve("node_modules/.package-lock.json"))
                && Files.isRegularFile(into.resolve("package-lock.json"))
                && Arrays.equals(Files.readAllBytes(source.resolve("package-lock.json")), Files.readAllBytes(into.resolve("package-lock.json")));
        for (String file : files) {
            Files.copy(source.resolve(file), into.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        if (!upToDate) {
            // --ignore-scripts: nothing may download a browser or a binary of its own.
            Path log = Files.createTempFile("npm-ci", ".log");
            Process npm = new ProcessBuilder("npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund").directory(into.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!npm.waitFor(NPM_CI_TIMEOUT_SEC, TimeUnit.SECONDS)) {
                npm.destroyForcibly();
                throw new IOException("npm ci in " + into + " took over " + NPM_CI_TIMEOUT_SEC + " s");
            }
            if (npm.exitValue() != 0) {
                throw new IOException("npm ci in " + into + " failed (exit " + npm.exitValue() + "): " + Files.readString(log));
            }
        }
        return into;
    }

    /** Whether a command is on the PATH, so that its absence can skip a test with a reason. */
    public static boolean onPath(String command) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, command)));
    }
}
