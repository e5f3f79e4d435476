package io.stella.harness.simulations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stella.harness.judgement.ExitCode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The manual's "Your own simulation" (docs/own-simulation.md), as a user follows it: its Java block compiled into a package
 * outside the harness's own, its profile written beside it, and the simulation run against the
 * embedded reference target, healthy and then told to fail.
 */
class CustomSimulationEndToEndIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Path WORK = Path.of("target", "e2e", "custom-simulation").toAbsolutePath();
    static final Path PAGE = Path.of("docs", "own-simulation.md");
    static Path classes;
    static Path profile;
    static String simulationClass;

    @BeforeAll
    static void compileReadmesExample() throws Exception {
        String page = Files.readString(PAGE);
        int start = page.indexOf("## Your own simulation");
        assertTrue(start >= 0, PAGE + " has a section \"## Your own simulation\"");
        int end = page.indexOf("\n## ", start + 1);
        String section = page.substring(start, end < 0 ? page.length() : end);
        String java = block(section, "java");
        String packageName = firstGroup(java, "package ([\\w.]+);");
        String className = firstGroup(java, "public class (\\w+)");
        assertTrue(!packageName.startsWith("io.stella"), "the example lives outside the harness's packages: " + packageName);
        simulationClass = packageName + "." + className;

        GatlingFork.deleteTree(WORK);
        Path source = WORK.resolve("src").resolve(packageName.replace('.', '/')).resolve(className + ".java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, java);
        classes = Files.createDirectories(WORK.resolve("classes"));
        profile = Files.writeString(WORK.resolve("caller.json"), block(section, "json"));

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int status = javac.run(null, null, errors, "-d", classes.toString(), "-cp", GatlingFork.classpath(List.of()),
                source.toString());
        assertEquals(0, status, PAGE + "'s example compiles:\n" + errors);
    }

    @Test
    void readmesExampleRunsWithItsOwnNamesVerdictsAndSignOff() throws Exception {
        GatlingFork.Result run = GatlingFork.run("custom-simulation-healthy", simulationClass, List.of(classes),
                Map.of("profile", profile.toString()), null);

        assertEquals(ExitCode.OK.code(), run.exitCode(), run.output());
        Path folder = run.onlyRunFolder();
        assertTrue(folder.getFileName().toString().startsWith("caller-"), folder.toString());
        JsonNode summary = JSON.readTree(folder.resolve("summary.json").toFile());
        assertEquals("CallerSimulation", summary.get("simulation").asText());
        for (String request : List.of("liveness", "token", "createSession", "sessionStatus", "endSession")) {
            JsonNode percentiles = summary.get("requests").get(request).get("measured").get("percentilesMillis");
            assertTrue(percentiles.get("p95").isNumber(), request + ": " + percentiles);
        }
        List<String> judged = summary.get("thresholds").findValuesAsText("status");
        assertEquals(List.of("PASS", "PASS"), judged, summary.get("thresholds").toString());
        assertTrue(summary.get("thresholds").toString().contains("sessionStatus"), summary.get("thresholds").toString());
        assertTrue(summary.get("safety").get("peakConcurrentRequests").asInt() >= 1, summary.get("safety").toString());
        assertEquals("GO", JSON.readTree(folder.resolve("signoff.json").toFile()).get("verdict").asText());
        assertTrue(!run.output().contains("not timed live"), "every request of the example is timed:\n" + run.output());
    }

    @Test
    void readmesExampleIsAbortedByItsOwnRuleWhenTheTargetFails() throws Exception {
        GatlingFork.Result run = GatlingFork.run("custom-simulation-failing", simulationClass, List.of(classes),
                Map.of("profile", profile.toString(), "REFERENCE_ERROR_PERCENT", "100"), null);

        assertEquals(ExitCode.NO_GO.code(), run.exitCode(), run.output());
        JsonNode summary = JSON.readTree(run.onlyRunFolder().resolve("summary.json").toFile());
        assertEquals("ABORTED", summary.get("status").asText(), run.output());
        assertTrue(summary.get("safety").get("abortedBy").asText().startsWith("abortOnFail/0"), summary.get("safety").toString());
        assertTrue(run.output().contains("STELLA harness: ABORTED by abortOnFail/0"), run.output());
    }

    private static String block(String markdown, String language) {
        return firstGroup(markdown, "(?s)```" + language + "\n(.*?)```");
    }

    private static String firstGroup(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        assertTrue(matcher.find(), PAGE + " has " + regex);
        return matcher.group(1);
    }
}
