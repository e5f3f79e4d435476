package io.stella.harness.reference;

import io.javalin.http.Context;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What trace context reached the target: for each request that carried a {@code traceparent} or an
 * {@code X-Request-Id}, the trace id and flags of the one and the value of the other, so that a test
 * can assert that the ids in a run's results arrived (rather than a person checking by hand).
 *
 * <p>Bounded: the first {@value #DEFAULT_CAPACITY} requests are kept (about 15 MB at the cap, reckoned
 * at some 150 bytes an entry when the request id is the trace id, as the harness sends it); later ones
 * are only counted in {@link #notRecorded()}, so a long run against the reference target keeps its
 * memory flat, and a test can tell that the record is incomplete. Requests that carry neither
 * header (the pre-flight's) take no place.
 */
public final class ReceivedTraces {

    public static final int DEFAULT_CAPACITY = 100_000;
    private static final String TRACEPARENT = "traceparent";
    /** W3C's version-00 layout (a later version may append fields); a traceparent that does not match counts as unreadable. */
    private static final Pattern TRACEPARENT_FORMAT =
            Pattern.compile("[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-([0-9a-f]{2})(-.*)?");

    /**
     * One request's trace context as received. {@code traceId} and {@code flags} (two hex digits,
     * {@code 01} = sampled) are null when no readable traceparent came; {@code requestId} is null when
     * none came, or one longer or stranger than the target would echo (so no caller can make an entry large).
     */
    public record Received(String traceId, String flags, String requestId) {
    }

    private final int capacity;
    private final Set<Received> received = ConcurrentHashMap.newKeySet();
    private final AtomicLong places = new AtomicLong();

    public ReceivedTraces(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1 (was " + capacity + ")");
        }
        this.capacity = capacity;
    }

    /** For the server's before-handler: every request passes here. */
    void record(Context ctx) {
        record(ctx.header(TRACEPARENT), ctx.header(RequestIds.HEADER));
    }

    void record(String traceparent, String requestId) {
        if (traceparent == null && requestId == null) {
            return;
        }
        // A place is taken before the entry is made, so the cap holds however many requests arrive at once.
        if (places.getAndIncrement() >= capacity) {
            return;
        }
        Matcher parsed = traceparent == null ? null : TRACEPARENT_FORMAT.matcher(traceparent);
        String traceId = parsed != null && parsed.matches() ? parsed.group(1) : null;
        String flags = traceId == null ? null : canonical(parsed.group(2));
        String id = requestId == null || !RequestIds.SANE.matcher(requestId).matches() ? null
                : requestId.equals(traceId) ? traceId : requestId; // the harness sends one string twice: keep it once
        received.add(new Received(traceId, flags, id));
    }

    /** The two flags in use as shared literals: a hundred thousand copies of "00" would be 5 MB of nothing. */
    private static String canonical(String flags) {
        return flags.equals("00") ? "00" : flags.equals("01") ? "01" : flags;
    }

    /** Everything kept so far (a copy; identical requests appear once). */
    public Set<Received> all() {
        return Set.copyOf(received);
    }

    /** Requests with trace headers that came after the record was full. */
    public long notRecorded() {
        return Math.max(0, places.get() - capacity);
    }
}
