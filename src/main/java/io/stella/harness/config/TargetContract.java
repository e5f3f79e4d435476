package io.stella.harness.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The STELLA backend's contract as a target speaks it: where each call lives, how the token request
 * is written and where its answer keeps the token, what a session create sends and where its answer
 * keeps the session id, the LiveKit URL and the participant token, and the statuses each call
 * answers with. {@link #V1} is the contract of ../shared/DESIGN.md; a deployment that differs
 * describes itself in a contract file ({@code STELLA_CONTRACT}, read by {@link ContractLoader}).
 * Every request the harness makes of the backend, from the simulations and the probes alike, is
 * written from here.
 */
public record TargetContract(ContractPaths paths, TokenCall token, SessionCalls sessions) {

    /** Where the run's metadata object goes in {@link SessionCalls#createBody()}. */
    public static final String METADATA_PLACEHOLDER = "{{metadata}}";

    private static final ObjectMapper JSON = new ObjectMapper();

    public static final TargetContract V1 = new TargetContract(ContractPaths.V1,
            new TokenCall(TokenEncoding.JSON, "clientId", "clientSecret", Map.of(), 200, "$.accessToken", "$.expiresIn"),
            new SessionCalls(defaultCreateBody(), 201, "$.id", "$.livekitUrl", "$.participantToken", 200, 200, "$.items", 204));

    public enum TokenEncoding {
        /** {@code application/json}: the fields in one object. */
        JSON("application/json"),
        /** {@code application/x-www-form-urlencoded}, as OAuth2's client credentials grant sends them. */
        FORM("application/x-www-form-urlencoded");

        private final String contentType;

        TokenEncoding(String contentType) {
            this.contentType = contentType;
        }

        public String contentType() {
            return contentType;
        }
    }

    /** The client-credentials call: how it is sent, and where its answer keeps the token and its lifetime (seconds). */
    public record TokenCall(TokenEncoding encoding, String clientIdField, String clientSecretField,
                            Map<String, String> extraFields, int status, String accessTokenPath, String expiresInPath) {
        public TokenCall {
            extraFields = Map.copyOf(extraFields);
        }
    }

    /**
     * The session calls. {@code createBody} is sent as it is, but for the string
     * {@value #METADATA_PLACEHOLDER}, which becomes the run's metadata object.
     */
    public record SessionCalls(ObjectNode createBody, int createStatus, String idPath, String livekitUrlPath,
                               String participantTokenPath, int getStatus, int listStatus, String itemsPath, int endStatus) {
        public SessionCalls {
            createBody = createBody.deepCopy();
        }

        @Override
        public ObjectNode createBody() {
            return createBody.deepCopy();
        }
    }

    /** The token request's body with these credentials, encoded as the contract says. */
    public String tokenRequestBody(String clientId, String clientSecret) {
        Map<String, String> fields = new LinkedHashMap<>(token.extraFields());
        fields.put(token.clientIdField(), clientId);
        fields.put(token.clientSecretField(), clientSecret);
        if (token.encoding() == TokenEncoding.FORM) {
            return fields.entrySet().stream().map(field -> encode(field.getKey()) + "=" + encode(field.getValue()))
                    .collect(Collectors.joining("&"));
        }
        try {
            return JSON.writeValueAsString(fields);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The whole token request, for a client outside Gatling (the probes, a benchmark's one token). */
    public HttpRequest tokenRequest(URI baseUrl, String clientId, String clientSecret, Duration timeout) {
        return HttpRequest.newBuilder(URI.create(stripSlash(baseUrl) + paths.token())).timeout(timeout)
                .header("Content-Type", token.encoding().contentType())
                .POST(HttpRequest.BodyPublishers.ofString(tokenRequestBody(clientId, clientSecret))).build();
    }

    /** The access token in a token answer, or an IOException saying where it was looked for. */
    public String accessTokenIn(int status, String body) throws IOException {
        if (status != token.status()) {
            throw new IOException(paths.token() + " answered " + status + " to the harness's credentials (the contract expects "
                    + token.status() + ")");
        }
        JsonNode value;
        try {
            value = JsonPaths.read(JSON.readTree(body), token.accessTokenPath());
        } catch (IOException e) {
            throw new IOException(paths.token() + " answered with no JSON body");
        }
        if (!value.isTextual() || value.asText().isEmpty()) {
            throw new IOException(paths.token() + " answered without an access token at " + token.accessTokenPath());
        }
        return value.asText();
    }

    /** The session create body, with the run's metadata (a JSON object) in place of {@value #METADATA_PLACEHOLDER}. */
    public String createSessionBody(String metadataJson) {
        try {
            return JSON.writeValueAsString(withMetadata(sessions.createBody(), JSON.readTree(metadataJson)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The session id in a create answer, or an IOException naming where it was looked for. */
    public String sessionIdIn(String body) throws IOException {
        JsonNode id = JsonPaths.read(JSON.readTree(body), sessions.idPath());
        if (!id.isValueNode() || id.asText().isEmpty()) {
            throw new IOException(paths.sessions() + " answered without a session id at " + sessions.idPath());
        }
        return id.asText();
    }

    private static JsonNode withMetadata(JsonNode node, JsonNode metadata) {
        if (node.isTextual() && node.asText().equals(METADATA_PLACEHOLDER)) {
            return metadata;
        }
        if (node instanceof ObjectNode object) {
            object.fieldNames().forEachRemaining(name -> object.set(name, withMetadata(object.get(name), metadata)));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                ((com.fasterxml.jackson.databind.node.ArrayNode) node).set(i, withMetadata(node.get(i), metadata));
            }
        }
        return node;
    }

    private static ObjectNode defaultCreateBody() {
        ObjectNode body = JSON.createObjectNode();
        body.put("agent", "stella-agent");
        body.put("metadata", METADATA_PLACEHOLDER);
        return body;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String stripSlash(URI baseUrl) {
        String text = baseUrl.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }
}
