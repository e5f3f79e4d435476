package io.stella.harness.results;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Copies a folder tree, such as Gatling's report, into a run's results folder. */
public final class DirectoryCopy {

    private DirectoryCopy() {
    }

    public static void copy(Path from, Path to) throws IOException {
        List<Path> sources;
        try (Stream<Path> tree = Files.walk(from)) {
            sources = tree.toList();
        }
        for (Path source : sources) {
            Path target = to.resolve(from.relativize(source).toString());
            if (Files.isDirectory(source)) {
                Files.createDirectories(target);
            } else {
                Files.copy(source, target);
            }
        }
    }
}
