package io.stella.harness.signoff.probes;

import io.stella.harness.config.TargetContract;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** The probes' HTTP: one JDK client per probe run, timeouts on everything, the harness's user agent. */
final class ProbeHttp {

    static final String USER_AGENT = "stella-load-harness-probe";

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

    TargetContract contract() {
        return target.contract();
    }

    HttpClient client() {
        return client;
    }

    /** A Bearer token for the harness's client, or an IOException naming why there is none. */
    String bearer() throws IOException {
        HttpRequest token = target.contract().tokenRequest(target.baseUrl(), target.clientId(), target.clientSecret(),
                target.timeout());
        HttpResponse<String> answer = send(HttpRequest.newBuilder(token, (name, value) -> true).header("User-Agent", USER_AGENT));
        return "Bearer " + target.contract().accessTokenIn(answer.statusCode(), answer.body());
    }
}
