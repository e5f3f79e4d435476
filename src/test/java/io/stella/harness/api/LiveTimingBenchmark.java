package io.stella.harness.api;

import io.stella.harness.simulations.BackendApiSimulation;
import io.gatling.http.response.Response;
import io.gatling.javaapi.core.Session;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.stella.harness.config.ProfileLoader;
import io.stella.harness.run.live.LiveRun;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The session work that live timing ({@link LiveRequests}) adds to every request. {@code after}
 * runs the harness's own steps: the one before the request, the response hook that notes the
 * status, and the one after it. {@code before} keeps, for comparison, the way it was done up to
 * 1e4d92e (issue 7, part 1): attributes saved in the session and removed again, each write copying
 * Gatling's immutable attribute map. The user carries what a journey has saved by then (token,
 * session id, participant token, LiveKit URL). Not a test: bench/run.sh throughput runs it and
 * writes bench/results/live-timing.json.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class LiveTimingBenchmark {

    private Session user;
    private LiveRequests live;
    private Response answer;

    @Setup
    public void journeySoFar() {
        user = new Session(io.gatling.core.session.Session$.MODULE$.apply("sessionJourney", 1L, null))
                .set("accessToken", "eyJhbGciOiJIUzI1NiJ9.e30.signature").set("sessionId", "3f1c2a")
                .set("participantToken", "eyJhbGciOiJIUzI1NiJ9.e30.other").set("livekitUrl", "ws://127.0.0.1:7880");
        var profile = ProfileLoader.load(Path.of("simulations", "smoke.json"), BackendApiSimulation.NAMES
                .forSimulation("BackendApiSimulation"));
        live = new LiveRequests(new LiveRun(profile, null), false);
        answer = Response.apply(null, 0L, 0L, HttpResponseStatus.OK, new DefaultHttpHeaders(), null,
                scala.collection.immutable.Map$.MODULE$.empty(), false);
    }

    @Benchmark
    public Session before() {
        Session started = user.set("harness.liveStartMillis", System.currentTimeMillis())
                .set("harness.liveFailedBefore", user.isFailed()).markAsSucceeded();
        Session checked = started.set("harness.liveStatus", 200); // the status check's saveAs
        long startMillis = checked.getLong("harness.liveStartMillis");
        Integer status = checked.contains("harness.liveStatus") ? checked.getInt("harness.liveStatus") : null;
        boolean retryAfter = checked.contains("harness.liveRetryAfter");
        boolean failed = checked.isFailed() || status == null || retryAfter || startMillis < 0;
        Session cleared = checked.remove("harness.liveStatus").remove("harness.liveRetryAfter");
        return failed || !checked.getBoolean("harness.liveFailedBefore") ? cleared : cleared.markAsFailed();
    }

    @Benchmark
    public Session after() {
        Session started = live.started(user);
        live.noteAnswer(answer, started);
        return live.ended(BackendChains.TOKEN, started);
    }
}
