package io.stella.harness.simulations;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.stella.harness.config.ContractPaths;
import io.stella.harness.config.KnownNames;
import io.stella.harness.signoff.probes.Probes;

import java.util.List;
import java.util.Set;

import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * The STELLA backend API under an open workload: each arriving virtual client gets a token, creates
 * a voice session, reads it, lists its sessions and ends it; liveness and readiness probes arrive
 * beside them. The profile ({@code -Dprofile=...}, default {@code smoke}) sets rates, mix and thresholds.
 */
public class BackendApiSimulation extends HarnessSimulation {

    static final String GET_SESSION = "getSession";
    static final String LIST_SESSIONS = "listSessions";
    static final String HEALTHZ = "healthz";
    static final String READYZ = "readyz";

    static final String SESSION_JOURNEY = "sessionJourney";
    static final String HEALTH_PROBES = "healthProbes";

    static final KnownNames KNOWN_NAMES = new KnownNames("BackendApiSimulation",
            Set.of(SESSION_JOURNEY, HEALTH_PROBES),
            Set.of(BackendChains.TOKEN, BackendChains.CREATE_SESSION, GET_SESSION, LIST_SESSIONS, BackendChains.END_SESSION,
                    HEALTHZ, READYZ), Probes.names());


    public BackendApiSimulation() {
        super(KNOWN_NAMES, "smoke");
        BackendChains backend = new BackendChains(run);
        ContractPaths paths = backend.paths();

        ChainBuilder getSession = backend.timed(GET_SESSION, http(GET_SESSION).get(paths.sessionPath("#{sessionId}"))
                .header("Authorization", "Bearer #{accessToken}"), status().is(200));
        ChainBuilder listSessions = backend.timed(LIST_SESSIONS, http(LIST_SESSIONS).get(paths.sessions() + "?limit=20")
                .header("Authorization", "Bearer #{accessToken}"),
                BackendChains.jsonAnswer(status().is(200), jsonPath("$.items").exists()));
        ChainBuilder probes = backend.timed(HEALTHZ, http(HEALTHZ).get(paths.healthz()), status().is(200))
                .exec(backend.timed(READYZ, http(READYZ).get(paths.readyz()), status().is(200)));

        ScenarioBuilder journey = run.scenario(SESSION_JOURNEY)
                .exec(backend.token(), backend.createSession(), getSession, listSessions, backend.endSession());
        ScenarioBuilder health = run.scenario(HEALTH_PROBES).exec(probes);

        List<PopulationBuilder> populations = OpenInjection.populations(run.profile(),
                List.of(journey, health), List.of(SESSION_JOURNEY, HEALTH_PROBES));
        setUp(populations).protocols(BackendChains.protocol(run)).maxDuration(run.maxDuration());
    }
}
