package io.stella.harness.config;

/**
 * A k6-style {@code abortOnFail} rule: the load stops when one request's (or {@code all}) error rate
 * or percentile stays past its limit for {@code forSec} seconds in a row. Each second with answers
 * is judged on its own; seconds without any answer of that request neither count nor break the run
 * of bad ones. Nothing is judged in the first {@code graceSec} seconds of the run.
 *
 * @param request         a request name, or {@link Threshold#ALL_REQUESTS}
 * @param maxErrorPercent the error-rate limit, or null for a latency rule
 * @param percentile      the percentile of a latency rule (0-100 scale), or null
 * @param maxMillis       that percentile's limit, or null
 */
public record AbortRule(String request, Double maxErrorPercent, Double percentile, Double maxMillis, int forSec,
                        int graceSec) {

    public boolean covers(String requestName) {
        return Threshold.ALL_REQUESTS.equals(request) || request.equals(requestName);
    }

    /** How a user would say it: {@code all errors > 50% for 5 s}. */
    public String describe() {
        String limit = maxErrorPercent != null ? "errors > " + Numbers.plain(maxErrorPercent) + "%"
                : "P" + Numbers.plain(percentile) + " > " + Numbers.plain(maxMillis) + " ms";
        return request + " " + limit + " for " + forSec + " s";
    }
}
