package io.stella.harness.reference;

import io.javalin.Javalin;
import io.stella.harness.config.ContractPaths;
import io.javalin.http.HttpResponseException;
import io.javalin.config.JavalinConfig;
import io.stella.harness.livekit.LivekitTokens;
import io.stella.harness.reference.livekit.LivekitStandIn;
import io.stella.harness.reference.livekit.media.AgentStamps;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.sql.SQLException;
import java.time.Duration;

/**
 * The embedded STELLA reference target: the backend contract of DESIGN.md on a real HTTP server
 * (Javalin on Jetty) with a real pooled database. It starts on a free loopback port unless told
 * otherwise; {@link #close()} stops the server and the database.
 */
public final class ReferenceTarget implements EmbeddedTarget {

    private static final Logger LOG = LoggerFactory.getLogger(ReferenceTarget.class);
    /** Jetty's selectors and acceptors, WebSockets, probes and the stand-in's own callers. */
    private static final int SPARE_THREADS = 64;

    private final ReferenceSettings settings;
    private final Database database;
    private final CallGuard guard;
    private final LivekitStandIn livekit;
    private final ReceivedTraces received = new ReceivedTraces(ReceivedTraces.DEFAULT_CAPACITY);
    private final Javalin server;

    private ReferenceTarget(ReferenceSettings settings) {
        this.settings = settings;
        this.database = Database.open(settings.databaseUrl(), settings.databasePoolSize(), settings.switches().listIndex());
        ReferenceMetrics metrics = new ReferenceMetrics(database);
        SessionStore store = new SessionStore(database.dataSource());
        try {
            metrics.activeSessionsAtStart(store.countActive());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count active sessions: " + e.getMessage(), e);
        }
        this.guard = new CallGuard(settings.maxConcurrent(), settings.switches().fastShedding(), settings.faults(), metrics);
        this.livekit = new LivekitStandIn(settings.livekit());
        if (settings.switches().agentMetrics()) {
            metrics.agentPool(livekit::agentLoad);
        }
        AccessTokens accessTokens = new AccessTokens(settings.jwtSecret(), Duration.ofHours(1));
        ClientRateLimiter rateLimiter = new ClientRateLimiter(settings.ratePerClientPerSec());
        Routes routes = new Routes(
                new HealthRoutes(database),
                new AuthRoute(settings.clientId(), settings.clientSecret(), accessTokens, rateLimiter, settings.contract().token()),
                new SessionRoutes(store, accessTokens, rateLimiter,
                        new LivekitTokens(settings.livekit().apiKey(), settings.livekit().apiSecret(), Duration.ofHours(6)),
                        new SessionRooms(this::livekitUrl, settings.livekit().apiKey(), settings.livekit().apiSecret(),
                                settings.maxConcurrent()),
                        this::livekitUrl, metrics, settings.switches().authRequired(), settings.contract().sessions(),
                        settings.livekit().agentName(), settings.livekit().agentPool().busySignal()
                                ? () -> livekit.agentLoad().free() == 0 : () -> false),
                new StaticAsset(settings.switches().cacheHeaders()),
                new CorsPolicy(settings.corsOrigins(), settings.switches().corsAllowList()), metrics);
        this.server = Javalin.create(config -> configure(config, routes));
    }

    private record Routes(HealthRoutes health, AuthRoute auth, SessionRoutes sessions, StaticAsset asset,
                          CorsPolicy cors, ReferenceMetrics metrics) {
    }

    private void configure(JavalinConfig config, Routes r) {
        config.startup.showJavalinBanner = false;
        config.jetty.host = settings.host();
        config.jetty.port = settings.port();
        config.jetty.threadPool = threadPool(settings.maxConcurrent());
        JsonErrorPages errorPages = new JsonErrorPages();
        config.jetty.modifyServer(server -> server.setErrorHandler(errorPages));
        config.jetty.modifyServletContextHandler(context -> context.setErrorHandler(errorPages));
        config.routes.before(received::record); // first: whatever answer follows, the request reached the target
        config.routes.before(r.cors()::annotate);
        if (settings.switches().requestIds()) {
            config.routes.before(RequestIds::answerWithOne);
        }
        if (!settings.switches().keepAlive()) {
            config.routes.before(ctx -> ctx.header("Connection", "close"));
        }
        config.routes.options("/*", r.cors()::preflight);
        // Where the contract it speaks puts each call (v1's paths unless told otherwise).
        ContractPaths paths = settings.contract().paths();
        config.routes.get(paths.healthz(), guard.probe(paths.healthz(), r.health()::healthz));
        config.routes.get(paths.readyz(), guard.probe(paths.readyz(), r.health()::readyz));
        config.routes.get(paths.metrics(), guard.probe(paths.metrics(),
                ctx -> ctx.contentType(r.metrics().contentType()).result(r.metrics().scrape())));
        config.routes.get(paths.staticAsset(), guard.probe(paths.staticAsset(), r.asset()::serve));
        config.routes.post(paths.token(), guard.api(paths.token(), r.auth()::token));
        config.routes.post(paths.sessions(), guard.api(paths.sessions(), r.sessions()::create));
        config.routes.get(paths.sessions(), guard.api(paths.sessions(), settings.faults().brokenAnswer().wrap(r.sessions()::list)));
        config.routes.get(paths.session(), guard.api(paths.session(), r.sessions()::get));
        config.routes.delete(paths.session(), guard.api(paths.session(), r.sessions()::end));
        livekit.register(config.routes);
        config.routes.error(404, ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty() || !ctx.result().startsWith("{")) {
                ApiErrors.send(ctx, 404, "not_found", "no route " + ctx.method() + " " + ctx.path());
            }
        });
        // Javalin's own refusals (an oversized body, ...) in the error shape, not its default text.
        config.routes.exception(HttpResponseException.class, (e, ctx) ->
                ApiErrors.send(ctx, e.getStatus(), ApiErrors.nameOf(e.getStatus()), e.getMessage()));
        config.routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("reference target failed on {} {}", ctx.method(), ctx.path(), e);
            ApiErrors.send(ctx, 500, "internal", "the reference target failed: " + e.getClass().getSimpleName());
        });
    }

    /**
     * Every API call the guard lets in holds a thread, and a session start or end waits on a call to
     * the LiveKit stand-in in this same server, which needs a thread of its own. With Javalin's default
     * 250 threads under the guard's 256, a burst of session ends once filled every thread with calls
     * waiting for a DeleteRoom that no thread was left to serve, until OkHttp gave up after 10 s
     * (bench/voice-sessions.sh; a thread dump showed 248 of 250 there). So: a thread for each call the
     * guard lets in, one for the stand-in call it may wait on, and spare ones for sockets and probes.
     */
    private static QueuedThreadPool threadPool(int maxConcurrentCalls) {
        QueuedThreadPool threads = new QueuedThreadPool(2 * maxConcurrentCalls + SPARE_THREADS, 8, 60_000);
        threads.setName("JettyServerThreadPool");
        return threads;
    }

    public static ReferenceTarget start(ReferenceSettings settings) {
        ReferenceTarget target = new ReferenceTarget(settings);
        try {
            target.server.start();
        } catch (RuntimeException e) {
            target.close();
            throw e;
        }
        return target;
    }

    @Override
    public URI baseUrl() {
        return URI.create("http://" + settings.host() + ":" + server.port());
    }

    /** Where clients are told to reach LiveKit: {@code LIVEKIT_URL}, else this server's own ws address. */
    @Override
    public String livekitUrl() {
        String external = settings.livekit().url();
        return external != null ? external : "ws://" + settings.host() + ":" + server.port();
    }

    /** Starts the agents' media before any caller comes (a run that carries media starts its target so). */
    public void warmUpMedia() {
        livekit.warmUpMedia();
    }

    /** The trace context of the requests this target received, for tests that assert what arrived. */
    public ReceivedTraces received() {
        return received;
    }

    /** What its agents stamped (turn legs; inbound loss on the packet engine), for tests that split voice to voice. */
    public AgentStamps agentStamps() {
        return livekit.agentStamps();
    }

    @Override
    public ReferenceSettings settings() {
        return settings;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } finally {
            guard.close();
            livekit.close();
            database.close();
        }
    }
}
