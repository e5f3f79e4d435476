package io.stella.harness.simulations;

import io.stella.harness.api.StellaSimulation;
import io.stella.harness.api.SimulationNames;
import io.stella.harness.api.BackendChains;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;

import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * The STELLA backend API under an open workload: each arriving virtual client gets a token, creates
 * a voice session, reads it, lists its sessions and ends it; liveness and readiness probes arrive
 * beside them. The profile ({@code -Dprofile=...}, default {@code smoke}) sets rates, mix and thresholds.
 */
public class BackendApiSimulation extends StellaSimulation {

    static final String DEFAULT_PROFILE = "smoke";
    static final String GET_SESSION = "getSession";
    static final String LIST_SESSIONS = "listSessions";
    static final String HEALTHZ = "healthz";
    static final String READYZ = "readyz";

    static final String SESSION_JOURNEY = "sessionJourney";
    static final String HEALTH_PROBES = "healthProbes";

    public static final SimulationNames NAMES = SimulationNames.scenarios(SESSION_JOURNEY, HEALTH_PROBES)
            .requests(BackendChains.TOKEN, BackendChains.CREATE_SESSION, GET_SESSION, LIST_SESSIONS,
                    BackendChains.END_SESSION, HEALTHZ, READYZ);

    public BackendApiSimulation() {
        super(DEFAULT_PROFILE, NAMES);

        ChainBuilder getSession = timed(backend().getSession(GET_SESSION));
        ChainBuilder listSessions = timed(backend().listSessions(LIST_SESSIONS, 20));
        ChainBuilder probes = timed(http(HEALTHZ).get(paths().healthz()).check(status().is(200)))
                .exec(timed(http(READYZ).get(paths().readyz()).check(status().is(200))));

        ScenarioBuilder journey = scenario(SESSION_JOURNEY)
                .exec(backend().token(), backend().createSession(), getSession, listSessions, backend().endSession());
        ScenarioBuilder health = scenario(HEALTH_PROBES).exec(probes);

        setUpFromProfile(journey, health);
    }
}
