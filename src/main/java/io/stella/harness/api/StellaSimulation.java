package io.stella.harness.api;

import io.gatling.javaapi.core.ActionBuilder;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.CoreDsl;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import io.stella.harness.config.Connections;
import io.stella.harness.config.ContractPaths;
import io.stella.harness.config.LivekitTarget;
import io.stella.harness.config.Profile;
import io.stella.harness.config.TargetConfig;
import io.stella.harness.latency.VoiceMetrics;
import io.stella.harness.run.HarnessRun;

import java.util.Arrays;

/**
 * The base of every simulation the harness runs, the built-in ones and a team's own. Extend it, name
 * your scenarios and requests, and write Gatling's DSL as usual; what the harness adds comes from
 * what the simulation uses:
 * <ul>
 *   <li>before the subclass builds anything, the profile ({@code -Dprofile}) is validated against
 *   the names given, the target is resolved (or the embedded reference target started) and checked;
 *   a mistake is refused with one line per problem and no load;</li>
 *   <li>{@link #scenario(String)} starts a scenario whose users stop the run after Ctrl-C or a fired
 *   abort rule, and are turned away at the ceiling on requests in flight or by a capacity search;</li>
 *   <li>{@link #timed(HttpRequestActionBuilder)} (and {@link #timed(String, ActionBuilder)} for a
 *   WebSocket action) lets the ceiling, the abort rules and the capacity gate see the request live;</li>
 *   <li>{@link #media()} places a call over real media with the profile's conversation, and its
 *   voice figures (voice to voice, greeting, media setup) are judged like any request;</li>
 *   <li>{@link #setUpFromProfile(ScenarioBuilder...)} injects each scenario as the profile's load and
 *   mix say (open model: warm-up, ramp, steady, spike, capacity stairs, degradation phase);</li>
 *   <li>when Gatling is done, the run is measured from Gatling's log into HdrHistograms, judged on the
 *   profile's thresholds, probed, signed off and written to {@code results/<profile>-<time>/}.</li>
 * </ul>
 */
public abstract class StellaSimulation extends Simulation {

    private final HarnessRun run;
    private final LiveRequests liveRequests;
    private BackendChains backend;
    private MediaChains media;

    /**
     * @param defaultProfile the profile run when {@code -Dprofile} is not given: a name in
     *                       {@code simulations/} or a path to a {@code .json} file
     * @param names          the scenarios and requests this simulation has
     */
    protected StellaSimulation(String defaultProfile, SimulationNames names) {
        this.run = HarnessRun.open(names.forSimulation(getClass().getSimpleName()), defaultProfile);
        this.liveRequests = new LiveRequests(run.live(), run.traceSampled());
    }

    /** The validated profile: its load, mix, thresholds, request timeout, voice shape. */
    protected final Profile profile() {
        return run.profile();
    }

    /** The target: its base URL, credentials and contract, and its LiveKit if one was given. */
    protected final TargetConfig target() {
        return run.target();
    }

    /** Where each call of the STELLA contract lives on this target. */
    protected final ContractPaths paths() {
        return run.target().paths();
    }

    /** The target's LiveKit; asking for it where none was given refuses the run before any load. */
    protected final LivekitTarget livekit() {
        return run.livekit();
    }

    /** The harness's voice metrics, for a simulation that times what a caller feels. */
    protected final VoiceMetrics voice() {
        return run.voice();
    }

    /** The run itself, for what the methods above do not cover (e.g. the names of a sharded run). */
    protected final HarnessRun run() {
        return run;
    }

    /** The STELLA backend calls every journey starts and ends with: token, create session, end session. */
    protected final BackendChains backend() {
        if (backend == null) {
            backend = new BackendChains(run, this::timed);
        }
        return backend;
    }

    /** A call over real media (WebRTC) in the room of the session {@link #backend()} created, talking as the profile says. */
    protected final MediaChains media() {
        if (media == null) {
            media = new MediaChains(run);
        }
        return media;
    }

    /**
     * A scenario whose arriving users stop the load after Ctrl-C or a fired abort rule (Gatling then
     * ends the run as at its planned end), and are turned away at the ceiling on requests in flight
     * or by a capacity search's gate.
     */
    protected final ScenarioBuilder scenario(String name) {
        return CoreDsl.scenario(name)
                .exec(session -> {
                    run.userArrives();
                    return session;
                })
                .stopLoadGeneratorIf(session -> run.interruptMessage(), session -> run.interruptRequested())
                .stopLoadGeneratorIf(session -> run.abortMessage(), session -> run.abortNoticed())
                .exitHereIf(session -> !run.admits(name));
    }

    /**
     * The target's base URL and headers, connections per user or shared as the profile says, and the
     * response hook that lets {@link #timed} note each answer's status (a request with a
     * {@code transformResponse} of its own replaces it: its status is then not seen live).
     */
    protected final HttpProtocolBuilder protocol() {
        HttpProtocolBuilder protocol = io.gatling.javaapi.http.HttpDsl.http.baseUrl(run.target().baseUrlText())
                .acceptHeader("application/json")
                .contentTypeHeader("application/json")
                .userAgentHeader("stella-load-harness")
                .transformResponse(liveRequests::noteAnswer);
        return run.profile().connections() == Connections.SHARED ? protocol.shareConnections() : protocol;
    }

    /** The request, timed live under the name it has in {@code http(...)}; give it the profile's timeout. */
    protected final ChainBuilder timed(HttpRequestActionBuilder request) {
        return liveRequests.timed(request.requestTimeout(run.requestTimeout()));
    }

    /** Any other action that sends and awaits an answer (a WebSocket connect, an awaited frame), timed live as {@code name}. */
    protected final ChainBuilder timed(String name, ActionBuilder action) {
        return liveRequests.timed(name, action);
    }

    /**
     * Each scenario arrives as the profile's load and mix say (a scenario without a share in the mix
     * does not run), through {@link #protocol()}; Gatling stops at the end of the planned schedule
     * plus the longest a last request may take.
     */
    protected final SetUp setUpFromProfile(ScenarioBuilder... scenarios) {
        return setUpFromProfile(protocol(), scenarios);
    }

    /** As {@link #setUpFromProfile(ScenarioBuilder...)}, through a protocol built on {@link #protocol()}. */
    protected final SetUp setUpFromProfile(HttpProtocolBuilder protocol, ScenarioBuilder... scenarios) {
        return setUp(OpenInjection.populations(run.profile(), Arrays.asList(scenarios)))
                .protocols(protocol).maxDuration(run.maxDuration());
    }

    @Override
    public void before() {
        run.loadStarts();
    }

    @Override
    public void after() {
        run.finish();
    }
}
