package io.stella.harness.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads a contract file: every field optional, each one missing taking {@link TargetContract#V1}'s
 * value. Validated like a profile: each problem is one line naming the file, the JSON path, the rule
 * and the value, all of them at once.
 *
 * <pre>{@code
 * {"description": "...", "paths": {"token": "/oauth/token", ...},
 *  "token": {"encoding": "form", "clientIdField": "client_id", "clientSecretField": "client_secret",
 *            "extraFields": {"grant_type": "client_credentials"}, "status": 200,
 *            "accessTokenPath": "$.access_token", "expiresInPath": "$.expires_in"},
 *  "sessions": {"createBody": {"agentName": "stella-agent", "context": "{{metadata}}"}, "createStatus": 201,
 *               "idPath": "$.session.id", "livekitUrlPath": "$.session.livekit.url",
 *               "participantTokenPath": "$.session.livekit.token", "getStatus": 200, "listStatus": 200,
 *               "itemsPath": "$.data", "endStatus": 204}}
 * }</pre>
 */
public final class ContractLoader {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> TOP = List.of("description", "paths", "token", "sessions");
    private static final List<String> PATHS = List.of("healthz", "readyz", "token", "sessions", "session", "metrics", "staticAsset");
    private static final List<String> TOKEN = List.of("encoding", "clientIdField", "clientSecretField", "extraFields", "status",
            "accessTokenPath", "expiresInPath");
    private static final List<String> SESSIONS = List.of("createBody", "createStatus", "idPath", "livekitUrlPath",
            "participantTokenPath", "getStatus", "listStatus", "itemsPath", "endStatus");

    private ContractLoader() {
    }

    public static TargetContract load(Path file) {
        String source = file.toString();
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file));
        } catch (JsonProcessingException e) {
            throw new ConfigException(source + ": not valid JSON: " + e.getOriginalMessage().lines().findFirst().orElse(""));
        } catch (IOException e) {
            throw new ConfigException(source + ": cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        ConfigProblems problems = new ConfigProblems(source);
        if (root == null || !root.isObject()) {
            problems.add("/", "must be a JSON object with paths, token and sessions");
            problems.throwIfAny();
        }
        Fields top = new Fields(root, "", TOP, problems);
        TargetContract v1 = TargetContract.V1;
        ContractPaths paths = paths(new Fields(top.object("paths"), "/paths", PATHS, problems), v1.paths());
        TargetContract.TokenCall token = token(new Fields(top.object("token"), "/token", TOKEN, problems), v1.token());
        TargetContract.SessionCalls sessions = sessions(new Fields(top.object("sessions"), "/sessions", SESSIONS, problems),
                v1.sessions());
        problems.throwIfAny();
        return new TargetContract(paths, token, sessions);
    }

    private static ContractPaths paths(Fields f, ContractPaths d) {
        ContractPaths paths = new ContractPaths(f.path("healthz", d.healthz()), f.path("readyz", d.readyz()),
                f.path("token", d.token()), f.path("sessions", d.sessions()), f.path("session", d.session()),
                f.path("metrics", d.metrics()), f.path("staticAsset", d.staticAsset()));
        f.problems.require(paths.session().contains("{id}"), "/paths/session", "must contain {id} (was " + paths.session() + ")");
        return paths;
    }

    private static TargetContract.TokenCall token(Fields f, TargetContract.TokenCall d) {
        String encoding = f.text("encoding", d.encoding().name().toLowerCase(Locale.ROOT));
        TargetContract.TokenEncoding parsed = switch (encoding) {
            case "json" -> TargetContract.TokenEncoding.JSON;
            case "form" -> TargetContract.TokenEncoding.FORM;
            default -> {
                f.problems.add("/token/encoding", "must be \"json\" or \"form\" (OAuth2 client credentials) (was " + encoding + ")");
                yield d.encoding();
            }
        };
        return new TargetContract.TokenCall(parsed, f.text("clientIdField", d.clientIdField()),
                f.text("clientSecretField", d.clientSecretField()), f.textMap("extraFields", d.extraFields()),
                f.status("status", d.status()), f.jsonPath("accessTokenPath", d.accessTokenPath()),
                f.jsonPath("expiresInPath", d.expiresInPath()));
    }

    private static TargetContract.SessionCalls sessions(Fields f, TargetContract.SessionCalls d) {
        JsonNode body = f.node.get("createBody");
        ObjectNode createBody = d.createBody();
        if (body != null) {
            if (body instanceof ObjectNode object) {
                createBody = object;
            } else {
                f.problems.add("/sessions/createBody", "must be a JSON object, with \"" + TargetContract.METADATA_PLACEHOLDER
                        + "\" where the run's metadata goes (was " + body + ")");
            }
        }
        return new TargetContract.SessionCalls(createBody, f.status("createStatus", d.createStatus()),
                f.jsonPath("idPath", d.idPath()), f.jsonPath("livekitUrlPath", d.livekitUrlPath()),
                f.jsonPath("participantTokenPath", d.participantTokenPath()), f.status("getStatus", d.getStatus()),
                f.status("listStatus", d.listStatus()), f.jsonPath("itemsPath", d.itemsPath()), f.status("endStatus", d.endStatus()));
    }

    /** One object of the file: its fields read with their defaults, unknown ones refused. */
    private static final class Fields {
        final JsonNode node;
        final String at;
        final ConfigProblems problems;

        Fields(JsonNode node, String at, List<String> known, ConfigProblems problems) {
            this.node = node == null ? JSON.createObjectNode() : node;
            this.at = at;
            this.problems = problems;
            this.node.fieldNames().forEachRemaining(name -> problems.require(known.contains(name), at + "/" + name,
                    "is not a contract field" + Suggestions.hint(name, known) + "; known: " + String.join(", ", known)));
        }

        JsonNode object(String name) {
            JsonNode value = node.get(name);
            if (value != null && !value.isObject()) {
                problems.add(at + "/" + name, "must be a JSON object (was " + value + ")");
                return null;
            }
            return value;
        }

        String text(String name, String fallback) {
            return read(name, fallback, value -> value.isTextual() && !value.asText().isBlank() ? value.asText() : null,
                    "must be a non-empty string");
        }

        String path(String name, String fallback) {
            return read(name, fallback, value -> value.isTextual() && value.asText().startsWith("/") ? value.asText() : null,
                    "must be a path starting with /");
        }

        String jsonPath(String name, String fallback) {
            return read(name, fallback, value -> value.isTextual() && JsonPaths.isSimple(value.asText()) ? value.asText() : null,
                    "must be a JSON path of .name and [index] steps, e.g. $.data.id");
        }

        int status(String name, int fallback) {
            return read(name, fallback, value -> value.isInt() && value.asInt() >= 200 && value.asInt() <= 299 ? value.asInt() : null,
                    "must be a success status, 200..299");
        }

        Map<String, String> textMap(String name, Map<String, String> fallback) {
            JsonNode value = node.get(name);
            if (value == null) {
                return fallback;
            }
            Map<String, String> map = new LinkedHashMap<>();
            List<String> bad = new ArrayList<>();
            if (value.isObject()) {
                value.fields().forEachRemaining(field -> {
                    if (field.getValue().isTextual()) {
                        map.put(field.getKey(), field.getValue().asText());
                    } else {
                        bad.add(field.getKey());
                    }
                });
            }
            problems.require(value.isObject() && bad.isEmpty(), at + "/" + name,
                    "must be an object of text fields, e.g. {\"grant_type\": \"client_credentials\"} (was " + value + ")");
            return map;
        }

        private <T> T read(String name, T fallback, Function<JsonNode, T> parse, String rule) {
            JsonNode value = node.get(name);
            if (value == null) {
                return fallback;
            }
            T parsed = parse.apply(value);
            problems.require(parsed != null, at + "/" + name, rule + " (was " + value + ")");
            return parsed == null ? fallback : parsed;
        }
    }
}
