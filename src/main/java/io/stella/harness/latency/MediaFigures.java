package io.stella.harness.latency;

/**
 * What a run's calls over real media carried, beyond their latencies: calls placed and how they
 * ended, the agent's audio as WebRTC received it (packets, losses, concealment, jitter), and how
 * well the harness's own audio clock kept time. Fed from many calls at once.
 */
public final class MediaFigures {

    /** The audio as received over all calls: sums, and the worst jitter one call saw. */
    public record Audio(long packetsReceived, long packetsLost, long samplesReceived, long samplesConcealed,
                        double worstJitterMillis, double slowestPlayoutPercent, double meanPlayoutPercent) {
        public double lostPercent() {
            long expected = packetsReceived + packetsLost;
            return expected == 0 ? 0 : 100.0 * packetsLost / expected;
        }

        public double concealedPercent() {
            return samplesReceived == 0 ? 0 : 100.0 * samplesConcealed / samplesReceived;
        }
    }

    /** The harness's audio clock: 10 ms ticks, those late by more than two frames, the worst lateness. */
    public record Clock(long ticks, long lateTicks, long worstLateMillis, int workers) {
        public double latePercent() {
            return ticks == 0 ? 0 : 100.0 * lateTicks / ticks;
        }
    }

    /** A clock late on more ticks than this has skewed the timing of what it spoke. */
    public static final double MAX_LATE_TICK_PERCENT = 1.0;

    private long callsPlaced;
    private long callsCompleted;
    private long packetsReceived;
    private long packetsLost;
    private long samplesReceived;
    private long samplesConcealed;
    private double worstJitterMillis;
    private double slowestPlayoutPercent = Double.NaN;
    private double playoutPercentSum;
    private Clock clock;
    private final java.util.Map<String, Long> failures = new java.util.TreeMap<>();

    public synchronized void callPlaced() {
        callsPlaced++;
    }

    /** A call that went to its end; its audio counts. */
    public synchronized void callCompleted(long received, long lost, long samples, long concealed, double jitterMillis,
                                           double playoutPercent) {
        callsCompleted++;
        slowestPlayoutPercent = Double.isNaN(slowestPlayoutPercent) ? playoutPercent : Math.min(slowestPlayoutPercent, playoutPercent);
        playoutPercentSum += playoutPercent;
        packetsReceived += received;
        packetsLost += lost;
        samplesReceived += samples;
        samplesConcealed += concealed;
        worstJitterMillis = Math.max(worstJitterMillis, jitterMillis);
    }

    /** A call that failed, by its reason (the first 200 characters: reasons repeat, and are counted). */
    public synchronized void failure(String reason) {
        String key = reason == null ? "unknown" : reason.length() > 200 ? reason.substring(0, 200) : reason;
        failures.merge(key, 1L, Long::sum);
    }

    public synchronized java.util.Map<String, Long> failures() {
        return new java.util.TreeMap<>(failures);
    }

    public synchronized void clock(Clock measured) {
        clock = measured;
    }

    public synchronized long callsPlaced() {
        return callsPlaced;
    }

    public synchronized long callsCompleted() {
        return callsCompleted;
    }

    public synchronized Audio audio() {
        return new Audio(packetsReceived, packetsLost, samplesReceived, samplesConcealed, worstJitterMillis,
                callsCompleted == 0 ? 0 : slowestPlayoutPercent, callsCompleted == 0 ? 0 : playoutPercentSum / callsCompleted);
    }

    /** The clock as the run's end read it; null when no media was placed. */
    public synchronized Clock clock() {
        return clock;
    }

    /** Why the media figures cannot be trusted (the clock fell behind), or null. */
    public synchronized String troubleReason() {
        if (clock == null || clock.latePercent() <= MAX_LATE_TICK_PERCENT) {
            return null;
        }
        return String.format("the harness's audio clock fell behind: %.1f%% of its 10 ms ticks came more than 20 ms late"
                + " (worst %d ms, %d media worker(s)), so speech was not spoken on time", clock.latePercent(),
                clock.worstLateMillis(), clock.workers());
    }
}
