package io.stella.harness.simulations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.stella.harness.config.KnownNames;
import io.stella.harness.config.TargetConfig;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * The benchmark of one injector's own throughput (bench/throughput.sh, BENCHMARKS.md part 1): each
 * arriving user makes exactly one request, so the arrival rate is the request rate and the injector
 * is compared with {@code wrk} on the same endpoint. Scenario {@code healthzOnly}: {@code GET /healthz}.
 * Scenario {@code createSessionOnly}: the session create call, with one bearer token fetched before
 * the load (as wrk's script uses one), so that every request timed is a create. Both go through
 * {@link BackendChains#timed}, the path every request of the product's simulations takes.
 */
public class InjectorThroughputSimulation extends HarnessSimulation {

    static final String HEALTHZ_ONLY = "healthzOnly";
    static final String CREATE_SESSION_ONLY = "createSessionOnly";

    static final KnownNames KNOWN_NAMES = new KnownNames("InjectorThroughputSimulation",
            Set.of(HEALTHZ_ONLY, CREATE_SESSION_ONLY),
            Set.of(BackendApiSimulation.HEALTHZ, BackendChains.CREATE_SESSION), Set.of());

    public InjectorThroughputSimulation() {
        super(KNOWN_NAMES, "smoke");
        TargetConfig target = run.target();
        BackendChains backend = new BackendChains(run);
        String accessToken = run.profile().mix().containsKey(CREATE_SESSION_ONLY) ? accessToken(target) : "";

        ScenarioBuilder healthz = run.scenario(HEALTHZ_ONLY).exec(backend.timed(BackendApiSimulation.HEALTHZ,
                http(BackendApiSimulation.HEALTHZ).get(backend.paths().healthz()), status().is(200)));
        ScenarioBuilder createSession = run.scenario(CREATE_SESSION_ONLY)
                .exec(session -> session.set("accessToken", accessToken))
                .exec(backend.createSession());

        setUp(OpenInjection.populations(run.profile(), List.of(healthz, createSession),
                List.of(HEALTHZ_ONLY, CREATE_SESSION_ONLY)))
                .protocols(BackendChains.protocol(run)).maxDuration(run.maxDuration());
    }

    /** One client-credentials token for the whole run; the benchmark times creates, not logins. */
    private String accessToken(TargetConfig target) {
        URI uri = URI.create(target.baseUrlText() + target.paths().token());
        try {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri)
                    .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(run.tokenRequestBody())).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode token = answer.statusCode() == 200 ? new ObjectMapper().readTree(answer.body()).get("accessToken") : null;
            if (token == null || !token.isTextual()) {
                throw new IllegalStateException(uri + " answered " + answer.statusCode() + " without an access token");
            }
            return token.asText();
        } catch (IOException e) {
            throw new IllegalStateException(uri + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
