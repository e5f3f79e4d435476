package io.stella.harness.reference;

import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per client: {@code ratePerSec} sustained, one second's worth as burst. Over it,
 * a call is refused with the seconds until a token is back (for {@code Retry-After}). A rate of 0
 * means no limit at all.
 */
final class ClientRateLimiter {

    private final double ratePerSec;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    ClientRateLimiter(double ratePerSec) {
        this.ratePerSec = ratePerSec;
    }

    /** 0 when the call may go ahead, else the whole seconds the client should wait. */
    long retryAfterSec(String clientId) {
        if (ratePerSec <= 0) {
            return 0;
        }
        return buckets.computeIfAbsent(clientId, id -> new Bucket(ratePerSec)).take(ratePerSec, System.nanoTime());
    }

    private static final class Bucket {
        private double tokens;
        private long lastNanos = System.nanoTime();

        Bucket(double capacity) {
            this.tokens = capacity;
        }

        synchronized long take(double ratePerSec, long nowNanos) {
            tokens = Math.min(ratePerSec, tokens + (nowNanos - lastNanos) / 1e9 * ratePerSec);
            lastNanos = nowNanos;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - tokens) / ratePerSec));
        }
    }
}
