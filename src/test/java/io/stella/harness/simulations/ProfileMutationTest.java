package io.stella.harness.simulations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stella.harness.config.ConfigException;
import io.stella.harness.config.KnownNames;
import io.stella.harness.config.ProfileLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every shipped profile, broken in every place it can be broken: each field given a value of the
 * wrong type, each number made negative, each object given a misspelt field, each required field
 * removed. Every mutant must be refused with one-line problems that name its file and a JSON path,
 * and no stack trace. (That a refused profile sends no load and exits 104 is the same path for every
 * ConfigException: BackendApiSimulationEndToEndIT shows it end to end.)
 */
class ProfileMutationTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> REQUIRED = List.of("description", "load", "mix");

    @TempDir
    Path dir;

    @Test
    void everyBrokenProfileIsRefusedWithOneLinePerProblemNamingFileAndPath() throws IOException {
        List<String> escaped = new ArrayList<>();
        int mutants = 0;
        List<Path> profiles;
        try (Stream<Path> files = Files.list(ProfileLoader.PROFILES_DIR)) {
            profiles = files.filter(file -> file.toString().endsWith(".json")).sorted().toList();
        }
        for (Path profile : profiles) {
            JsonNode original = JSON.readTree(profile.toFile());
            KnownNames known = simulationFor(profile);
            for (Map.Entry<String, JsonNode> mutant : mutants(original).entrySet()) {
                mutants++;
                String name = profile.getFileName().toString().replace(".json", "") + "-" + mutants + ".json";
                // Next to the original, so that a thresholdsFrom path still resolves as it would there.
                Path file = Files.createDirectories(dir.resolve("simulations")).resolve(name);
                Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(mutant.getValue()));
                copyShared(profile);
                String problem = refusal(file, known);
                if (problem != null) {
                    escaped.add(profile.getFileName() + " " + mutant.getKey() + ": " + problem);
                }
            }
        }
        assertTrue(mutants >= 200, "only " + mutants + " mutants");
        assertTrue(escaped.isEmpty(), escaped.size() + " of " + mutants + " mutants were not refused as they should be:\n"
                + String.join("\n", escaped));
    }

    /** Null when the file was refused properly, else what went wrong. */
    private static String refusal(Path file, KnownNames known) {
        try {
            ProfileLoader.load(file, known);
            return "accepted";
        } catch (ConfigException e) {
            if (e.problems().isEmpty()) {
                return "refused without a problem line";
            }
            for (String line : e.problems()) {
                if (!line.startsWith(file + ": /") || line.contains("\n") || line.contains("Exception") || line.contains("\tat ")) {
                    return "bad line: " + line;
                }
            }
            return null;
        } catch (RuntimeException e) {
            return "threw " + e;
        }
    }

    private static KnownNames simulationFor(Path profile) {
        for (KnownNames known : ShippedProfilesTest.SIMULATIONS) {
            try {
                ProfileLoader.load(profile, known);
                return known;
            } catch (ConfigException e) {
                // the next simulation
            }
        }
        throw new AssertionError(profile + " is valid for no simulation");
    }

    private void copyShared(Path profile) throws IOException {
        Path shared = profile.getParent().resolve("shared");
        Path copy = dir.resolve("simulations/shared");
        if (Files.isDirectory(shared) && !Files.isDirectory(copy)) {
            Files.createDirectories(copy);
            try (Stream<Path> files = Files.list(shared)) {
                for (Path file : files.toList()) {
                    Files.copy(file, copy.resolve(file.getFileName()));
                }
            }
        }
    }

    /** Each mutant by what was done to it. */
    static Map<String, JsonNode> mutants(JsonNode original) {
        Map<String, JsonNode> mutants = new java.util.LinkedHashMap<>();
        for (String field : REQUIRED) {
            mutants.put("without /" + field, mutated(original, "", node -> ((ObjectNode) node).remove(field)));
        }
        collect(original, "", original, mutants);
        return mutants;
    }

    private static void collect(JsonNode root, String path, JsonNode node, Map<String, JsonNode> mutants) {
        if (node.isObject()) {
            Iterator<String> names = node.fieldNames();
            if (names.hasNext()) {
                String first = names.next();
                mutants.put(path + "/" + first + "x added", mutated(root, path, at -> ((ObjectNode) at).put(first + "x", 1)));
            }
            node.fields().forEachRemaining(entry -> {
                String child = path + "/" + entry.getKey();
                mutants.put(child + " of the wrong type", mutated(root, path,
                        at -> ((ObjectNode) at).set(entry.getKey(), wrongType(entry.getValue()))));
                if (entry.getValue().isNumber()) {
                    mutants.put(child + " negative", mutated(root, path, at -> ((ObjectNode) at).put(entry.getKey(), -1)));
                }
                collect(root, child, entry.getValue(), mutants);
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                int index = i;
                mutants.put(path + "/" + i + " of the wrong type", mutated(root, path,
                        at -> ((ArrayNode) at).set(index, wrongType(node.get(index)))));
            }
        }
    }

    private static JsonNode wrongType(JsonNode value) {
        if (value.isNumber()) {
            return JSON.getNodeFactory().textNode("12");
        }
        if (value.isTextual()) {
            return JSON.getNodeFactory().numberNode(12);
        }
        if (value.isObject()) {
            return JSON.getNodeFactory().arrayNode().add(1);
        }
        if (value.isArray()) {
            return JSON.getNodeFactory().objectNode().put("x", 1);
        }
        return JSON.getNodeFactory().textNode("yes");
    }

    /** A deep copy of root with the node at the JSON path changed. */
    private static JsonNode mutated(JsonNode root, String path, Consumer<JsonNode> change) {
        JsonNode copy = root.deepCopy();
        change.accept(path.isEmpty() ? copy : copy.at(path));
        return copy;
    }
}
