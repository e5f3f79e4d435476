package io.stella.harness.simulations;

import io.stella.harness.api.StellaSimulation;
import io.stella.harness.api.SimulationNames;
import io.stella.harness.api.BackendChains;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.stella.harness.config.TargetConfig;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * The benchmark of one injector's own throughput (bench/throughput.sh, BENCHMARKS.md part 1): each
 * arriving user makes exactly one request, so the arrival rate is the request rate and the injector
 * is compared with {@code wrk} on the same endpoint. Scenario {@code healthzOnly}: {@code GET /healthz}.
 * Scenario {@code createSessionOnly}: the session create call, with one bearer token fetched before
 * the load (as wrk's script uses one), so that every request timed is a create. Both are timed live,
 * as every request of every simulation is.
 */
public class InjectorThroughputSimulation extends StellaSimulation {

    static final String DEFAULT_PROFILE = "injector-throughput";
    static final String HEALTHZ_ONLY = "healthzOnly";
    static final String CREATE_SESSION_ONLY = "createSessionOnly";

    static final SimulationNames NAMES = SimulationNames.scenarios(HEALTHZ_ONLY, CREATE_SESSION_ONLY)
            .requests(BackendApiSimulation.HEALTHZ, BackendChains.CREATE_SESSION).withoutProbes();

    public InjectorThroughputSimulation() {
        super(DEFAULT_PROFILE, NAMES);
        String accessToken = profile().mix().containsKey(CREATE_SESSION_ONLY) ? accessToken(target()) : "";

        ScenarioBuilder healthz = scenario(HEALTHZ_ONLY)
                .exec(timed(http(BackendApiSimulation.HEALTHZ).get(paths().healthz()).check(status().is(200))));
        ScenarioBuilder createSession = scenario(CREATE_SESSION_ONLY)
                .exec(session -> session.set(BackendChains.ACCESS_TOKEN, accessToken))
                .exec(backend().createSession());

        setUpFromProfile(healthz, createSession);
    }

    /** One client-credentials token for the whole run; the benchmark times creates, not logins. */
    private static String accessToken(TargetConfig target) {
        HttpRequest request = target.contract().tokenRequest(target.baseUrl(), target.clientId(), target.clientSecret(),
                Duration.ofSeconds(10));
        try {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            return target.contract().accessTokenIn(answer.statusCode(), answer.body());
        } catch (IOException e) {
            throw new IllegalStateException(request.uri() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
