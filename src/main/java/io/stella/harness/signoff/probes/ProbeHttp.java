package io.stella.harness.signoff.probes;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/** The probes' HTTP: one JDK client per probe run, timeouts on everything, the harness's user agent. */
final class ProbeHttp {

    static final String USER_AGENT = "stella-load-harness-probe";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ProbeTarget target;
    private final HttpClient client;

    ProbeHttp(ProbeTarget target) {
        this.target = target;
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(target.timeout());
        if (target.sslContext() != null) {
            builder.sslContext(target.sslContext());
        }
        this.client = builder.build();
    }

    HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(target.timeout()).header("User-Agent", USER_AGENT);
    }

    HttpRequest.Builder request(String path) {
        return request(target.url(path));
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws IOException {
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    HttpClient client() {
        return client;
    }

    /** A Bearer token for the harness's client, or an IOException naming why there is none. */
    String bearer() throws IOException {
        HttpResponse<String> answer = send(request(target.paths().token())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
                        Map.of("clientId", target.clientId(), "clientSecret", target.clientSecret())))));
        if (answer.statusCode() != 200) {
            throw new IOException(target.paths().token() + " answered " + answer.statusCode() + " to the harness's credentials");
        }
        return "Bearer " + JSON.readTree(answer.body()).get("accessToken").asText();
    }
}
