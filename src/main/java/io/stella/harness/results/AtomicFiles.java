package io.stella.harness.results;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes a file whole or not at all (temp file, then rename), so a reader never sees half of it. */
public final class AtomicFiles {

    private AtomicFiles() {
    }

    public static void write(Path file, byte[] content) throws IOException {
        Path temp = temporary(file);
        Files.write(temp, content);
        publish(temp, file);
    }

    /** Where a file too large to hold in memory is streamed before {@link #publish} renames it into place. */
    public static Path temporary(Path file) {
        return file.resolveSibling(file.getFileName() + ".tmp");
    }

    /** The streamed file, whole, under its name. */
    public static void publish(Path temporary, Path file) throws IOException {
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
