package io.stella.harness.config;

/**
 * One pass/fail rule of a profile, as data. {@code request} is a request name or {@link #ALL_REQUESTS}.
 * Percentiles are on the 0-100 scale everywhere (99.9 means P99.9), as in HdrHistogram and Gatling.
 */
public sealed interface Threshold {

    /** The key that means "all requests together" rather than one request name. */
    String ALL_REQUESTS = "all";

    String request();

    /** How the rule reads in a report, e.g. {@code createSession P99 <= 250 ms}. */
    String describe();

    /** The bound alone, e.g. {@code <= 250 ms}. */
    String required();

    /** The latency at {@code percentile} must not exceed {@code maxMillis}. */
    record PercentileLimit(String request, double percentile, double maxMillis) implements Threshold {
        @Override
        public String describe() {
            return request + " P" + Numbers.plain(percentile) + " " + required();
        }

        @Override
        public String required() {
            return "<= " + Numbers.plain(maxMillis) + " ms";
        }
    }

    /** Failed requests (any kind) must not exceed {@code maxErrorPercent} of all requests. */
    record ErrorRateLimit(String request, double maxErrorPercent) implements Threshold {
        @Override
        public String describe() {
            return request + " errors " + required();
        }

        @Override
        public String required() {
            return "<= " + Numbers.plain(maxErrorPercent) + " %";
        }
    }

    /** Completed requests per second over the measured window must reach {@code minPerSec}. */
    record ThroughputFloor(String request, double minPerSec) implements Threshold {
        @Override
        public String describe() {
            return request + " throughput " + required();
        }

        @Override
        public String required() {
            return ">= " + Numbers.plain(Numbers.toThousandth(minPerSec)) + " req/s"; // a shard's share: 80/3 reads 26.667
        }
    }
}
