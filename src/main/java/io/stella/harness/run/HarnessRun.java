package io.stella.harness.run;

import io.stella.harness.judgement.ExitCode;
import io.stella.harness.run.end.EndInputs;
import io.stella.harness.run.end.EndOnce;
import io.stella.harness.run.end.FileDescriptors;
import io.stella.harness.run.end.Ended;
import io.stella.harness.run.end.GatlingReport;
import io.stella.harness.run.end.RunEnd;
import io.stella.harness.run.live.AbortWatch;
import io.stella.harness.run.live.CapacityGate;
import io.stella.harness.run.live.RunSources;
import io.stella.harness.run.live.CpuSampler;
import io.stella.harness.run.live.LiveRun;
import io.stella.harness.config.ConfigException;
import io.stella.harness.config.KnownNames;
import io.stella.harness.config.LivekitTarget;
import io.stella.harness.config.ConversationShape;
import io.stella.harness.latency.ConversationRecorder;
import io.stella.harness.latency.MediaFigures;
import io.stella.harness.latency.SocketBufferDrops;
import io.stella.harness.latency.VoiceMetrics;
import io.stella.harness.live.LiveSeries;
import io.stella.harness.live.MetricsEndpoint;
import io.stella.harness.live.MetricsSettings;
import io.stella.harness.live.OtlpPush;
import io.stella.harness.live.OtlpSettings;
import io.stella.harness.results.RunFolder;
import io.stella.harness.livekit.media.AudioPacer;
import io.stella.harness.livekit.media.worker.MediaWorkers;
import io.stella.harness.signoff.ItemResult;
import io.stella.harness.signoff.probes.ProbeTarget;
import io.stella.harness.signoff.probes.Probes;
import io.stella.harness.config.Profile;
import io.stella.harness.config.Settings;
import io.stella.harness.config.TargetConfig;
import io.stella.harness.reference.EmbeddedTarget;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A run around whatever drives the load: the validated profile and target before any load, the
 * embedded reference target when no target was given, what is watched while the load runs, and
 * after it the measurements, verdicts and results folder. It needs no Gatling: the simulation's base
 * class asks it at each arrival whether the user goes ahead. The run's end (measure, judge, write) runs
 * on the simulation's own thread in {@code after()}, when Gatling's log is whole ({@link RunEnd}). Gatling
 * writes its own report only after that and then exits: a shutdown hook adds that report to the results
 * and sets the exit code. After Ctrl-C the next arriving user ends the run the regular way; when none
 * arrives, a watchdog makes the run's end from what Gatling's log holds; the hook only waits for it.
 */
public final class HarnessRun {

    public static final String PROFILE = "profile";
    /** Where Gatling writes its run folders; the Maven plugin's default. */
    public static final String GATLING_RESULTS = "harness.gatlingResults";
    /** Where run folders go; tests point it away from the user's results/. */
    public static final String RESULTS_ROOT = "harness.resultsRoot";
    /** A results folder to compare this run with. */
    public static final String BASELINE = "baseline";
    public static final String BASELINE_TOLERANCE = "baseline.tolerancePercent";
    /** A file (JSON lines) this run's knee and P99s are appended to: the nightly trend. */
    public static final String HISTORY = "history";
    /** Whether every request's traceparent is marked sampled (flags 01); not by default, see {@link RunPlan#traceSampled()}. */
    public static final String TRACE_SAMPLED = "trace.sampled";

    private final RunPlan plan;
    private final EmbeddedTarget reference;
    private final List<String> trustedOrigins;
    /** A sharded run's common start, or null. */
    private final Instant commonStart;
    private final VoiceMetrics voice = new VoiceMetrics();
    private volatile MediaWorkers media;
    private volatile SocketBufferDrops socketBuffersAtFirstCall = SocketBufferDrops.UNKNOWN;
    private ConversationRecorder conversations;
    private final LiveRun live;
    private final CpuSampler cpu = new CpuSampler();
    private final EndOnce end = new EndOnce();
    private volatile FileDescriptors.Reserve descriptorsForTheEnd = FileDescriptors.reserve(0);
    /** The longest the JVM's exit waits for the run's end to be written (reading a long run's log takes a while). */
    private static final long END_WAIT_MILLIS = 600_000;
    private volatile boolean abortAnnounced;
    private final Interrupts interrupts = new Interrupts();
    private volatile long loadStartEpochMillis = Long.MAX_VALUE;
    private final AtomicBoolean firstUserArrived = new AtomicBoolean();
    private LiveSeries series;
    private MetricsEndpoint metrics;
    private OtlpPush otlp;

    private HarnessRun(RunPlan plan, EmbeddedTarget reference, List<String> trustedOrigins, Instant commonStart) {
        this.plan = plan;
        this.reference = reference;
        this.trustedOrigins = trustedOrigins;
        this.commonStart = commonStart;
        // Every request is timed live, so a capacity search runs step by step (refining the knee,
        // stopping early). Sharded, each injector runs the stairs as planned: the steps are judged
        // on the merged data.
        this.live = new LiveRun(plan.profile(), plan.profile().load().capacitySearch() && plan.shard() == null
                ? new CapacityGate(plan.profile(), voice::stepWindows) : null);
    }

    /**
     * Validates everything and starts the reference target if needed. A user mistake is refused here
     * ({@link RunRefused}: one line per problem, the invalid-config exit code) before any load.
     */
    public static HarnessRun open(KnownNames known, String defaultProfile) {
        ClassPreloader.preload();
        Settings settings = Settings.fromSystem();
        RunOpening.Opened opened = new RunOpening(settings, known).open(defaultProfile);
        HarnessRun run = new HarnessRun(opened.plan(), opened.reference(), opened.trustedOrigins(), opened.commonStart());
        Optional<MetricsSettings> pull = MetricsSettings.from(settings);
        Optional<OtlpSettings> push = OtlpSettings.from(settings);
        if (pull.isPresent() || push.isPresent()) {
            run.watchLive(pull.orElse(null), push.orElse(null));
        }
        return run;
    }

    /**
     * The live figures, served for Prometheus ({@code -Dmetrics.port}) and/or pushed over OTLP
     * ({@code -Dotel.exporter.otlp.endpoint}) from now until the results are written: every request
     * and arrival, the voice samples, and what the series read when collected.
     *
     * @param pull where to serve them, or null
     * @param push where to push them, or null
     */
    private void watchLive(MetricsSettings pull, OtlpSettings push) {
        String runId = plan.runId() != null ? plan.runId() : RunFolder.name(plan.profile().name(), plan.startedAt());
        series = new LiveSeries(runId, plan.shard() == null ? 0 : plan.shard().index(), plan.profile().name(),
                plan.simulation(), plan.profile().load(), plan.profile().thresholds(),
                new RunSources(() -> loadStartEpochMillis, live, voice, cpu, this::mediaCallsInProgress));
        if (pull != null) {
            metrics = MetricsEndpoint.start(pull, series);
            System.out.println("  metrics " + metrics.url() + " (live, for Prometheus; served " + pull.lingerSec()
                    + " s past the results)");
        }
        if (push != null) {
            otlp = OtlpPush.start(push, series, runId + "/" + (plan.shard() == null ? 0 : plan.shard().index()));
            System.out.println("  metrics pushed over OTLP to " + otlp.describe());
        }
        live.reportTo(series);
        voice.reportTo(series::voiceSampled);
    }

    /** Not synchronized: a scrape must not wait while the media workers are ended (calls in flight end first). */
    private int mediaCallsInProgress() {
        MediaWorkers workers = media;
        return workers == null ? 0 : workers.callsInProgress();
    }

    private ProbeTarget probeTarget() {
        TargetConfig target = plan.target();
        return new ProbeTarget(target.baseUrl(), target.contract(), target.clientId(), target.clientSecret(), target.livekit(),
                trustedOrigins, Duration.ofSeconds(5), null, plan.traceSampled());
    }

    /**
     * The target's LiveKit; a simulation that drives LiveKit itself cannot run without it, so asking
     * for it where none was given refuses the run (before any load: simulations ask while they build).
     */
    public LivekitTarget livekit() {
        if (plan.target().livekit() == null) {
            close();
            throw RunRefused.refuse(ExitCode.INVALID_CONFIG, List.of("LIVEKIT_URL, LIVEKIT_API_KEY, LIVEKIT_API_SECRET: "
                    + plan.simulation() + " drives LiveKit itself; set all three for this target"));
        }
        return plan.target().livekit();
    }

    private void close() {
        if (reference != null) {
            reference.close();
        }
    }

    /** The harness's own voice metrics, recorded by the simulation's virtual users. */
    public VoiceMetrics voice() {
        return voice;
    }

    /**
     * A simulation that places calls over real media needs a profile that says how callers talk
     * (and that keeps an embedded target's media out of this process): refused before any load otherwise.
     */
    public void requireMedia() {
        if (!plan.profile().carriesMedia()) {
            close();
            throw RunRefused.refuse(ExitCode.INVALID_CONFIG, List.of(plan.profile().source() + ": /conversation: "
                    + plan.simulation() + " places calls over real media; its profile needs a conversation block"
                    + " (see simulations/voice-media.json)"));
        }
    }

    /**
     * The processes that place this run's calls over real media, started with the first call; each
     * call's figures go into {@link #voice()} through {@link #conversations()}.
     */
    public synchronized MediaWorkers media() {
        if (media == null) {
            media = new MediaWorkers(plan.profile().conversationOrDefault());
            socketBuffersAtFirstCall = SocketBufferDrops.now();
            media.reportClockTo((ticks, lateTicks) -> voice.media().clockTicked(System.currentTimeMillis(), ticks, lateTicks));
        }
        return media;
    }

    /** Records what each call over real media measured into the voice metrics. */
    public synchronized ConversationRecorder conversations() {
        if (conversations == null) {
            ConversationShape conversation = plan.profile().conversationOrDefault();
            conversations = new ConversationRecorder(voice, conversation.replyTimeoutSec() * 1000L,
                    conversation.maxLostPercent(), conversation.maxConcealedPercent(), conversation.goodTurnWithinMillis());
        }
        return conversations;
    }

    /** Ends the media workers (calls in flight end first: each is bounded) and keeps how well their clock ran. */
    private synchronized void endMedia(boolean atOnce) {
        if (media == null) {
            return;
        }
        if (atOnce) {
            media.abandon();
        } else {
            media.close();
        }
        AudioPacer.Health health = media.health();
        voice.media().clock(new MediaFigures.Clock(health.ticks(), health.lateTicks(), health.worstLateMillis(), media.started()));
        voice.media().socketBufferDrops(SocketBufferDrops.now().since(socketBuffersAtFirstCall));
    }

    /**
     * Called from {@code Simulation.before()}: the load is about to start. Its clock starts here and again,
     * for good, as its first user arrives ({@link #userArrives()}): Gatling starts its injector up to a
     * second later on a cold, busy JVM, and every window of the run counts from the load's first arrival.
     */
    public void loadStarts() {
        awaitCommonStart();
        long now = System.currentTimeMillis();
        // Ctrl-C or SIGTERM: the next arriving user stops the run the regular way, so Gatling writes out
        // every measurement it holds; if none arrives in time, the watchdog ends the run from what Gatling's
        // log already has (status INTERRUPTED, exit 130 either way).
        interrupts.install(this::stopSoon);
        Runtime.getRuntime().addShutdownHook(new Thread(this::onJvmExit, "harness-exit"));
        descriptorsForTheEnd = FileDescriptors.reserve(FileDescriptors.RESERVED);
        cpu.start();
        try {
            voice.spoolIntervalsTo(Files.createTempFile("stella-voice-", ".hlog"), plan.startedAt().toEpochMilli());
        } catch (IOException e) {
            System.out.println("STELLA harness: warning: no temporary file for the voice metrics' intervals (" + e.getMessage()
                    + "); latency.hlog will hold the requests only");
        }
        clockFrom(now);
    }

    /**
     * The injectors of a sharded run start their loads together. Awaited here, as late as the harness can, so
     * that each injector has built its simulation and its live watch before; only Gatling's own start follows.
     * Late by more than the allowed skew, or interrupted, the run is refused and what it started undone.
     */
    private void awaitCommonStart() {
        if (commonStart == null) {
            return;
        }
        try {
            ShardStart.await(commonStart, Clock.systemUTC());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            refuseBeforeLoad(ExitCode.INTERRUPTED, List.of("STELLA harness: interrupted while waiting for the injectors'"
                    + " common start at " + commonStart + "; nothing was sent"));
        } catch (ConfigException e) {
            refuseBeforeLoad(ExitCode.INVALID_CONFIG, e.problems());
        }
    }

    private void refuseBeforeLoad(ExitCode exitCode, List<String> problems) {
        RunOpening.undo(reference, plan.resultsFolder(), plan.shard(), problems);
        throw RunRefused.refuse(exitCode, problems);
    }

    /** Every arriving user of {@link io.stella.harness.api.StellaSimulation#scenario} passes here; the first starts the load's clock. */
    public void userArrives() {
        if (!firstUserArrived.get() && firstUserArrived.compareAndSet(false, true)) {
            clockFrom(System.currentTimeMillis());
        }
    }

    private void clockFrom(long epochMillis) {
        loadStartEpochMillis = epochMillis;
        voice.loadStarts(epochMillis);
        voice.media().clockFrom(epochMillis);
        if (plan.profile().load().capacitySearch()) {
            voice.stepsOf(plan.profile().load().stairs(), plan.profile().load().warmUpSec() * 1000L);
        }
        voice.measureFrom(epochMillis + plan.profile().load().warmUpSec() * 1000L);
        live.runStarts(epochMillis);
    }

    private void stopSoon() {
        System.out.println("STELLA harness: " + interrupts.signal() + ": stopping; the results will hold everything measured"
                + " so far (send it again to quit at once)");
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(plan.profile().requestTimeoutMillis() + 5_000L);
            } catch (InterruptedException e) {
                return;
            }
            if (!end.started()) {
                end.runOrAwait(this::interruptedEnd, END_WAIT_MILLIS);
                System.exit(ExitCode.INTERRUPTED.code());
            }
        }, "harness-interrupt-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    /** Whether Ctrl-C or SIGTERM asked the run to stop: the next arriving user stops the load. */
    public boolean interruptRequested() {
        return interrupts.requested();
    }

    public String interruptMessage() {
        return "interrupted by " + interrupts.signal();
    }

    /** Whether an arriving user of {@code scenario} goes ahead: not at the ceiling, and a capacity search's gate lets it. */
    public boolean admits(String scenario) {
        return live.admit(scenario, System.currentTimeMillis());
    }

    /** The words the load stops with; asked before the condition, so it must not assume a fired rule. */
    public String abortMessage() {
        AbortWatch.Fired fired = live.aborted();
        return fired == null ? "aborted" : "aborted by " + fired.describe();
    }

    /** Whether an abort rule has fired; says so once, as the load stops. */
    public boolean abortNoticed() {
        if (live.aborted() == null) {
            return false;
        }
        if (!abortAnnounced) {
            abortAnnounced = true;
            System.out.println("STELLA harness: ABORTED by " + live.aborted().describe() + "; stopping the load");
        }
        return true;
    }

    /**
     * The JVM's exit, after Gatling wrote its report (or after a signal): waits for the run's end, starting
     * it on a thread of its own if the run never reached it (a second Ctrl-C), then adds Gatling's report
     * and sets the exit code (only halt can, in a shutdown hook).
     */
    private void onJvmExit() {
        if (!end.started()) {
            System.out.println("STELLA harness: interrupted; writing what was measured so far");
            new Thread(() -> end.runOrAwait(this::interruptedEnd, END_WAIT_MILLIS), "harness-end").start();
        }
        Ended ended = end.await(END_WAIT_MILLIS).orElse(null);
        if (ended == null) {
            System.out.println("STELLA harness: the results were not written within " + END_WAIT_MILLIS / 1000 + " s; Gatling's log"
                    + " keeps the measurements");
            Runtime.getRuntime().halt(ExitCode.HARNESS_ERROR.code());
            return;
        }
        ended = GatlingReport.addTo(ended, System.out);
        ended.printLastLines(System.out);
        if (ended.exitCode() != ExitCode.OK) {
            Runtime.getRuntime().halt(ended.exitCode().code());
        }
    }

    /**
     * A run that Gatling stopped at its maximum duration reaches its end with requests still out: their users
     * go on to their next requests, each taking a socket as soon as one is free. In a run that took every file
     * descriptor, those would take the few the results need (and closing an embedded target would set them all
     * going at once). They are let finish first, for at most one request timeout.
     */
    private void awaitRequestsOut() {
        int out = live.requestsInFlight();
        if (out <= 0) {
            return;
        }
        long startMillis = System.currentTimeMillis();
        long deadlineMillis = startMillis + plan.profile().requestTimeoutMillis() + 1_000L;
        while (live.requestsInFlight() > 0 && System.currentTimeMillis() < deadlineMillis) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        System.out.println("STELLA harness: the load ended with " + out + " requests still out; waited "
                + (System.currentTimeMillis() - startMillis) + " ms for them (" + live.requestsInFlight() + " left)");
    }

    /** The run's end for a run stopped by a signal before it: calls in flight abandoned, no probe. */
    private Ended interruptedEnd() {
        endMedia(true);
        descriptorsForTheEnd.close();
        return judged(RunEnd.finish(plan, EndInputs.ofInterruptedRun(voice, live.observed(), cpu.stop()), System.out));
    }

    /** The live metrics say how the run was judged, pushed once more and served a while past the results. */
    private Ended judged(Ended ended) {
        if (series != null) {
            series.runJudged(ended.status());
            if (otlp != null) {
                otlp.close();
            }
            if (metrics != null) {
                metrics.lingerAndClose(System.out);
            }
        }
        return ended;
    }

    /** Where the simulation times every request as it runs: ceiling, abort rules, capacity search. */
    public LiveRun live() {
        return live;
    }

    public Profile profile() {
        return plan.profile();
    }

    public TargetConfig target() {
        return plan.target();
    }

    /** Whether each request's traceparent is marked sampled ({@code -Dtrace.sampled}). */
    public boolean traceSampled() {
        return plan.traceSampled();
    }

    /** Every request's timeout, the profile's {@code requestTimeoutMillis}: Gatling's default is 60 s. */
    public Duration requestTimeout() {
        return Duration.ofMillis(plan.profile().requestTimeoutMillis());
    }

    /** The whole planned schedule plus the longest a last request (or call over media) may take, then Gatling stops. */
    public Duration maxDuration() {
        Duration lastRequest = Duration.ofSeconds(plan.profile().load().totalSec())
                .plusMillis(plan.profile().requestTimeoutMillis()).plusSeconds(5);
        // A caller arriving at the end of the schedule talks to its end: calls over media last far longer than requests.
        return plan.profile().carriesMedia() ? lastRequest.plusSeconds(plan.profile().conversation().longestCallSec()) : lastRequest;
    }

    /** The metadata each created session carries: which harness, and in a sharded run which injector. */
    public String sessionMetadataJson() {
        return plan.shard() == null ? "{\"source\":\"stella-load-harness\"}"
                : "{\"source\":\"stella-load-harness\",\"run\":\"" + plan.runId() + "\",\"injector\":" + plan.shard().index() + "}";
    }

    /** Prefixes names this run makes up (rooms), so that injectors of one sharded run never collide. */
    public String injectorTag() {
        return plan.shard() == null ? "" : "i" + plan.shard().index() + "-";
    }

    /** The token request's body for this run's credentials, as the target's contract writes it. */
    public String tokenRequestBody() {
        return plan.target().contract().tokenRequestBody(plan.target().clientId(), plan.target().clientSecret());
    }

    /** The session create body, with this run's metadata, as the target's contract writes it. */
    public String createSessionBody() {
        return plan.target().contract().createSessionBody(sessionMetadataJson());
    }

    /**
     * Called from {@code Simulation.after()}: every request has completed and Gatling's log is whole. The
     * checklist probes run now, after the load and before an embedded target stops; then the run's end.
     */
    public void finish() {
        end.runOrAwait(this::regularEnd, END_WAIT_MILLIS);
    }

    private Ended regularEnd() {
        double[] cpuBySecond = cpu.stop(); // the load's seconds only: the probes come after
        if (live.untimedRequests() > 0) {
            System.out.println("STELLA harness: warning: " + live.untimedRequests() + " answers came to requests that were"
                    + " not timed live (wrap them in timed(...)): the ceiling and the abort rules did not see them");
        }
        boolean interrupted = interrupts.requested();
        if (!interrupted) {
            awaitRequestsOut();
        }
        endMedia(interrupted);
        List<ItemResult> probed = List.of();
        if (!plan.profile().probes().isEmpty() && !interrupted && live.aborted() == null) {
            System.out.println("STELLA harness: probing " + String.join(", ", plan.profile().probes()));
            probed = Probes.run(probeTarget(), plan.profile().probes());
        }
        if (reference != null) {
            reference.close();
        }
        descriptorsForTheEnd.close();
        EndInputs inputs = interrupted ? EndInputs.ofInterruptedRun(voice, live.observed(), cpuBySecond)
                : EndInputs.ofFinishedRun(voice, probed, live.observed(), cpuBySecond);
        return judged(RunEnd.finish(plan, inputs, System.out));
    }
}
