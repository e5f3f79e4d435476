package io.stella.harness.run;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Loads every harness class, and one class of each library the end of a run uses, before the load
 * starts. A run that asks for more than the machine holds can end with every file descriptor taken
 * by sockets; a class read from disk then (each one a file in {@code target/classes}) fails with
 * NoClassDefFoundError and the results are lost. Loaded in advance, they need no file at the end.
 */
public final class ClassPreloader {

    private static final String HARNESS_PACKAGE = "io/stella/harness/";
    // Libraries first used after the load: the sign-off page's templates, Gatling's report reader.
    private static final List<String> LIBRARY_CLASSES = List.of("com.github.mustachejava.DefaultMustacheFactory",
            "org.jsoup.Jsoup", "org.HdrHistogram.HistogramLogReader", "com.fasterxml.jackson.databind.SerializationFeature");

    private ClassPreloader() {
    }

    /** Returns how many classes it loaded; a class it cannot load is left to load when used. */
    public static int preload() {
        ClassLoader loader = ClassPreloader.class.getClassLoader();
        int loaded = 0;
        for (String name : harnessClassNames()) {
            loaded += load(name, loader);
        }
        for (String name : LIBRARY_CLASSES) {
            loaded += load(name, loader);
        }
        return loaded;
    }

    private static int load(String name, ClassLoader loader) {
        try {
            Class.forName(name, false, loader);
            return 1;
        } catch (ClassNotFoundException | LinkageError e) {
            return 0;
        }
    }

    private static List<String> harnessClassNames() {
        try {
            Path source = Path.of(ClassPreloader.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(source)) {
                try (Stream<Path> files = Files.walk(source.resolve(HARNESS_PACKAGE))) {
                    return files.filter(file -> file.toString().endsWith(".class"))
                            .map(file -> className(source.relativize(file).toString().replace('\\', '/'))).toList();
                }
            }
            try (JarFile jar = new JarFile(source.toFile())) {
                return jar.stream().map(JarEntry::getName)
                        .filter(name -> name.startsWith(HARNESS_PACKAGE) && name.endsWith(".class")).map(ClassPreloader::className).toList();
            }
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return List.of();
        }
    }

    private static String className(String path) {
        return path.substring(0, path.length() - ".class".length()).replace('/', '.');
    }
}
