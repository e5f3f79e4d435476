package io.stella.harness.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.stella.harness.config.KnownNames;
import io.stella.harness.config.Profile;
import io.stella.harness.config.ProfileLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * deploy/k8s and deploy/docker, checked for structure without a cluster: every manifest parses and
 * names its kind; the injectors are an Indexed Job with as many completions as parallel pods and as
 * STELLA_INJECTORS says, spread across nodes, with resources set; credentials come only from the
 * Secret; the merge Job and the nightly CronJob run what README says; the profile validates.
 */
class KubernetesManifestsTest {

    private static final Path K8S = Path.of("deploy/k8s");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> CREDENTIALS = Set.of("STELLA_CLIENT_SECRET", "LIVEKIT_API_SECRET", "LIVEKIT_API_KEY",
            "JWT_SECRET");

    @TempDir
    Path dir;

    @Test
    void everyManifestParsesWithKindNameAndApiVersion() throws IOException {
        Map<String, JsonNode> byKindAndName = manifests();
        assertEquals(Set.of("Secret/stella-harness-credentials", "ConfigMap/stella-harness-run",
                "PersistentVolumeClaim/stella-harness-results", "Job/stella-run-001", "Job/stella-merge-001",
                "CronJob/stella-nightly-capacity"), byKindAndName.keySet());
        byKindAndName.values().forEach(manifest -> assertTrue(manifest.path("apiVersion").isTextual(), manifest.toString()));
    }

    @Test
    void theInjectorsAreAnIndexedJobSpreadAcrossNodesWithResourcesSet() throws IOException {
        JsonNode job = manifests().get("Job/stella-run-001");
        JsonNode spec = job.get("spec");
        assertEquals("Indexed", spec.get("completionMode").asText());
        assertEquals(spec.get("completions").asInt(), spec.get("parallelism").asInt());
        JsonNode pod = spec.get("template").get("spec");
        JsonNode container = pod.get("containers").get(0);
        assertEquals(spec.get("completions").asText(), env(container).get("STELLA_INJECTORS").get("value").asText(),
                "STELLA_INJECTORS says how many share the load");
        assertEquals("metadata.labels['batch.kubernetes.io/job-name']",
                env(container).get("STELLA_RUN_ID").get("valueFrom").get("fieldRef").get("fieldPath").asText());
        assertResourcesSet(container);
        JsonNode antiAffinity = pod.get("affinity").get("podAntiAffinity");
        assertNotNull(antiAffinity, "injectors spread across nodes");
        assertEquals("kubernetes.io/hostname", antiAffinity.findValue("topologyKey").asText());
        assertEquals("run", container.get("args").get(0).asText());
        assertTrue(texts(container.get("args")).contains("-Dshard.startDelaySec=$(START_DELAY_SEC)"),
                "the injectors agree on one start through the results volume: " + container.get("args"));
        assertTrue(env(container).containsKey("START_DELAY_SEC"), "the delay comes from the ConfigMap");
        assertTrue(mountPaths(container).containsAll(List.of("/results", "/config")), mountPaths(container).toString());
        assertEquals("stella-harness-results", pod.findValue("claimName").asText(), "results on the shared volume");
    }

    @Test
    void credentialsComeOnlyFromTheSecret() throws IOException {
        Map<String, JsonNode> manifests = manifests();
        JsonNode secret = manifests.get("Secret/stella-harness-credentials");
        for (String key : List.of("STELLA_CLIENT_ID", "STELLA_CLIENT_SECRET", "LIVEKIT_API_KEY", "LIVEKIT_API_SECRET")) {
            assertTrue(secret.get("stringData").has(key), "the Secret holds " + key);
        }
        manifests.get("ConfigMap/stella-harness-run").get("data").fieldNames().forEachRemaining(key ->
                assertFalse(CREDENTIALS.contains(key) || key.contains("SECRET"), "a credential in the ConfigMap: " + key));
        for (String name : List.of("Job/stella-run-001", "CronJob/stella-nightly-capacity")) {
            JsonNode container = manifests.get(name).findValue("containers").get(0);
            assertEquals("stella-harness-credentials", container.get("envFrom").get(0).get("secretRef").get("name").asText(), name);
            env(container).keySet().forEach(variable -> assertFalse(CREDENTIALS.contains(variable),
                    name + " sets " + variable + " itself instead of taking it from the Secret"));
        }
    }

    @Test
    void theMergeJobJudgesTheRunAndTheNightlyRunComparesWithTheLastNight() throws IOException {
        Map<String, JsonNode> manifests = manifests();
        JsonNode merge = manifests.get("Job/stella-merge-001").findValue("containers").get(0);
        assertEquals(List.of("judge", "/results/$(RUN_ID)"), texts(merge.get("args")));
        assertEquals("stella-run-001", env(merge).get("RUN_ID").get("value").asText(), "it merges the injectors' Job");
        assertResourcesSet(merge);

        JsonNode nightly = manifests.get("CronJob/stella-nightly-capacity");
        assertTrue(nightly.get("spec").get("schedule").asText().matches("\\S+ \\S+ \\S+ \\S+ \\S+"));
        assertEquals("Forbid", nightly.get("spec").get("concurrencyPolicy").asText());
        JsonNode container = nightly.findValue("containers").get(0);
        assertEquals("capacity", env(container).get("PROFILE").get("value").asText());
        assertTrue(texts(container.get("args")).containsAll(List.of("-Dbaseline=latest", "-Dhistory=/results/nightly-history.jsonl")),
                container.get("args").toString());
        assertResourcesSet(container);
    }

    @Test
    void theProfileInTheConfigMapIsAValidProfile() throws IOException {
        String profile = manifests().get("ConfigMap/stella-harness-run").get("data").get("profile.json").asText();
        Path file = Files.writeString(dir.resolve("profile.json"), profile);

        Profile loaded = ProfileLoader.load(file, new KnownNames("BackendApiSimulation", Set.of("sessionJourney", "healthProbes"),
                Set.of("token", "createSession", "getSession", "listSessions", "endSession", "healthz", "readyz"), Set.of()));

        assertEquals(20, loaded.load().ratePerSec());
    }

    @Test
    void theImageIsBuiltWithMavenAndRunsOnAJre() throws IOException {
        List<String> stages = Files.readAllLines(Path.of("deploy/docker/Dockerfile")).stream()
                .filter(line -> line.startsWith("FROM ")).toList();
        assertEquals(2, stages.size(), stages.toString());
        assertTrue(stages.get(0).startsWith("FROM maven:") && stages.get(0).endsWith(" AS build"), stages.get(0));
        assertTrue(stages.get(1).matches("FROM eclipse-temurin:17[^ ]*-jre"), stages.get(1));
        assertTrue(Files.isExecutable(Path.of("deploy/docker/harness.sh")));
    }

    private static Map<String, JsonNode> manifests() throws IOException {
        Map<String, JsonNode> byKindAndName = new HashMap<>();
        List<Path> files;
        try (Stream<Path> list = Files.list(K8S)) {
            files = list.filter(file -> file.toString().endsWith(".yaml")).sorted().toList();
        }
        for (Path file : files) {
            JsonNode manifest = YAML.readTree(file.toFile());
            String key = manifest.get("kind").asText() + "/" + manifest.get("metadata").get("name").asText();
            assertTrue(byKindAndName.put(key, manifest) == null, "two manifests named " + key);
        }
        return byKindAndName;
    }

    private static Map<String, JsonNode> env(JsonNode container) {
        Map<String, JsonNode> env = new HashMap<>();
        container.path("env").forEach(variable -> env.put(variable.get("name").asText(), variable));
        return env;
    }

    private static void assertResourcesSet(JsonNode container) {
        for (String kind : List.of("requests", "limits")) {
            for (String resource : List.of("cpu", "memory")) {
                assertTrue(container.get("resources").get(kind).hasNonNull(resource), kind + "." + resource + " of " + container.get("name"));
            }
        }
    }

    private static List<String> mountPaths(JsonNode container) {
        List<String> paths = new ArrayList<>();
        container.get("volumeMounts").forEach(mount -> paths.add(mount.get("mountPath").asText()));
        return paths;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }
}
