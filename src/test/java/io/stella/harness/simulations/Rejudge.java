package io.stella.harness.simulations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stella.harness.results.ResultSchemas;
import io.stella.harness.judgement.ExitCode;
import io.stella.harness.commands.Judge;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A finished run's folder judged again by the judge command: the one judgement must read what the
 * run printed (each threshold's status, figures and reason, the run's status), and both the run's
 * results and the judgement's must fit the shipped schemas.
 */
final class Rejudge {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Rejudge() {
    }

    static void assertSameVerdicts(Path folder, ExitCode expected) throws Exception {
        ResultSchemas.assertValid(folder);
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        ExitCode code = Judge.run(new String[] {folder.toString()}, new PrintStream(console, true, StandardCharsets.UTF_8));
        String output = console.toString(StandardCharsets.UTF_8);
        assertEquals(expected, code, output);
        Path judged;
        try (Stream<Path> children = Files.list(folder)) {
            judged = children.filter(child -> child.getFileName().toString().startsWith("judged-")).sorted()
                    .reduce((first, last) -> last).orElseThrow(() -> new AssertionError("no judged-* folder:\n" + output));
        }
        JsonNode run = JSON.readTree(folder.resolve("summary.json").toFile());
        JsonNode again = JSON.readTree(judged.resolve("summary.json").toFile());
        assertEquals(run.get("status").asText(), again.get("status").asText(), output);
        assertEquals(verdicts(run), verdicts(again), output);
        ResultSchemas.assertValid(judged);
    }

    private static List<String> verdicts(JsonNode summary) {
        List<String> verdicts = new ArrayList<>();
        for (JsonNode verdict : summary.get("thresholds")) {
            verdicts.add(verdict.get("threshold").asText() + " | " + verdict.get("status").asText() + " | "
                    + verdict.get("actual").asText() + " | " + verdict.path("reason").asText("") + " | " + verdict.get("measured"));
        }
        return verdicts;
    }
}
