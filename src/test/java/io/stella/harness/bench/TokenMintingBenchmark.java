package io.stella.harness.bench;

import io.livekit.server.AccessToken;
import io.livekit.server.RoomJoin;
import io.livekit.server.RoomName;
import io.stella.harness.livekit.LivekitTokens;
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

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Issue 7, part 4: LiveKit tokens minted per second with the official SDK, beside the harness's own
 * minting (the participant token a STELLA backend hands out, the server token RoomService calls
 * carry), so the difference is the cost the harness adds per token. Not a test: bench/run.sh tokens
 * runs it with 1 and 2 threads (this machine has 2 cores) and writes bench/results/tokens.json.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TokenMintingBenchmark {

    private static final String API_KEY = "APIbenchmark";
    private static final String API_SECRET = "benchmark-secret-of-thirty-two-bytes!";
    private static final Duration TTL = Duration.ofHours(6);

    private LivekitTokens participantTokens;
    private LivekitTokens serverTokens;

    @Setup
    public void setUp() {
        participantTokens = new LivekitTokens(API_KEY, API_SECRET, TTL);
        serverTokens = new LivekitTokens(API_KEY, API_SECRET, Duration.ofMinutes(10));
    }

    /** The SDK alone: what any backend pays for a participant token. */
    @Benchmark
    public String sdkParticipantToken() {
        AccessToken token = new AccessToken(API_KEY, API_SECRET);
        token.setIdentity("user-0001");
        token.setName("user-0001");
        token.setTtl(TTL.toMillis());
        token.addGrants(new RoomJoin(true), new RoomName("stella-room-0001"));
        return token.toJwt();
    }

    /** The same through the harness (the reference target's and the probes' minting). */
    @Benchmark
    public String harnessParticipantToken() {
        return participantTokens.participant("user-0001", "stella-room-0001");
    }

    /** A RoomService server token, as LiveKitTokenSimulation mints one per virtual user. */
    @Benchmark
    public String harnessServerToken() {
        return serverTokens.roomAdministration();
    }
}
