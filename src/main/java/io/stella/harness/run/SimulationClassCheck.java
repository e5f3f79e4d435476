package io.stella.harness.run;

import io.stella.harness.judgement.ExitCode;
import io.stella.harness.config.Suggestions;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Checks {@code -Dgatling.simulationClass} before Gatling starts: Gatling itself answers a misspelt
 * class with two stack traces. Run by Maven (exec:java, bound to {@code test-compile}, which
 * {@code mvn gatling:test} runs first) with the compiled tests on the class path; it loads no
 * class's initializer. A wrong name gets one line listing the simulations there are, and Maven
 * ends with the invalid-configuration exit code (an exception would reach the user as exec's
 * stack trace).
 */
public final class SimulationClassCheck {

    static final String GATLING_SIMULATION = "io.gatling.javaapi.core.Simulation";
    static final String SETTING = "-Dgatling.simulationClass";

    private SimulationClassCheck() {
    }

    /**
     * @param args the class asked for, the folder of compiled test classes, and optionally the
     *             setting that named it (default {@code -Dgatling.simulationClass})
     */
    public static void main(String[] args) throws IOException {
        String setting = args.length > 2 ? args[2] : SETTING;
        Optional<String> problem = problem(setting, args[0].trim(), Path.of(args[1]), Thread.currentThread().getContextClassLoader());
        if (problem.isPresent()) {
            System.err.println("STELLA harness: " + problem.get());
            System.exit(ExitCode.INVALID_CONFIG.code());
        }
    }

    /** Why {@code asked} cannot run, or empty when it is a simulation. */
    static Optional<String> problem(String asked, Path testClasses, ClassLoader loader) throws IOException {
        return problem(SETTING, asked, testClasses, loader);
    }

    static Optional<String> problem(String setting, String asked, Path testClasses, ClassLoader loader) throws IOException {
        if (isSimulation(asked, loader)) {
            return Optional.empty();
        }
        List<String> simulations = simulations(testClasses, loader);
        String hint = Suggestions.closest(asked, simulations)
                .or(() -> simulations.stream().filter(name -> name.endsWith("." + asked)).findFirst())
                .map(best -> " (did you mean " + best + "?)").orElse("");
        return Optional.of(setting + "=" + asked + ": no such simulation" + hint + "; simulations here: "
                + (simulations.isEmpty() ? "none (is the project compiled?)" : String.join(", ", simulations)));
    }

    static List<String> simulations(Path testClasses, ClassLoader loader) throws IOException {
        if (!Files.isDirectory(testClasses)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(testClasses)) {
            return files.map(file -> testClasses.relativize(file).toString())
                    .filter(name -> name.endsWith(".class") && !name.contains("$"))
                    .map(name -> name.substring(0, name.length() - ".class".length()).replace('/', '.'))
                    .filter(name -> isSimulation(name, loader)).sorted().toList();
        }
    }

    private static boolean isSimulation(String name, ClassLoader loader) {
        try {
            Class<?> type = Class.forName(name, false, loader);
            if (Modifier.isAbstract(type.getModifiers())) {
                return false;
            }
            for (Class<?> c = type.getSuperclass(); c != null; c = c.getSuperclass()) {
                if (c.getName().equals(GATLING_SIMULATION)) {
                    return true;
                }
            }
            return false;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
