package io.stella.harness.reference.livekit.media;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stella.harness.config.JsonPaths;
import io.stella.harness.config.TargetContract;
import io.stella.harness.reference.ReferenceTarget;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The STELLA backend as a voice app's server calls it: client credentials for an access token, then
 * a new session, whose answer says where LiveKit is and carries the caller's participant token.
 */
final class StellaBackend {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final ReferenceTarget target;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    StellaBackend(ReferenceTarget target) {
        this.target = target;
    }

    /** A new session, as {@code {"livekitUrl": ..., "participantToken": ...}} for the page. */
    ObjectNode newSession() throws IOException, InterruptedException {
        TargetContract contract = target.settings().contract();
        HttpResponse<String> token = http.send(contract.tokenRequest(target.baseUrl(), target.settings().clientId(),
                target.settings().clientSecret(),
                TIMEOUT), HttpResponse.BodyHandlers.ofString());
        String accessToken = contract.accessTokenIn(token.statusCode(), token.body());
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(target.baseUrl() + contract.paths().sessions()))
                .timeout(TIMEOUT).header("Authorization", "Bearer " + accessToken).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(contract.createSessionBody("{}"))).build(), HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() != contract.sessions().createStatus()) {
            throw new IOException(contract.paths().sessions() + " answered " + created.statusCode() + " to a new session");
        }
        JsonNode session = JSON.readTree(created.body());
        ObjectNode forPage = JSON.createObjectNode();
        forPage.set("livekitUrl", JsonPaths.read(session, contract.sessions().livekitUrlPath()));
        forPage.set("participantToken", JsonPaths.read(session, contract.sessions().participantTokenPath()));
        return forPage;
    }
}
