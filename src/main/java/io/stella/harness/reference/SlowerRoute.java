package io.stella.harness.reference;

import io.stella.harness.config.ConfigException;
import io.stella.harness.config.Numbers;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One route whose answers take longer by a share ({@code REFERENCE_SLOWER_ROUTE="POST /api/sessions +20%"}):
 * a known slowdown of one request, so that a nightly gate can be shown to catch that request and no other;
 * or every route ({@code "* +20%"}: a slower database or host, which moves no rate limit's knee).
 * The share is of the answer's whole time at the target, its handling and any added latency: a
 * create that took 10 ms to handle with 20 ms added is held 36 ms in all. (A share of the added
 * latency alone moved createSession's P50 by 3 ms of 30, half the slowdown named.)
 *
 * @param method      the HTTP method, upper case
 * @param route       the route as the contract names it, e.g. {@code /api/sessions/{id}}
 * @param morePercent how much longer its added latency is
 */
public record SlowerRoute(String method, String route, double morePercent) {

    public static final String SETTING = "REFERENCE_SLOWER_ROUTE";
    public static final SlowerRoute NONE = new SlowerRoute("", "", 0);
    private static final Pattern SPEC = Pattern.compile("([A-Za-z]+)\\s+(/\\S*)\\s+\\+(\\d+(?:\\.\\d+)?)%");
    private static final Pattern EVERY = Pattern.compile("\\*\\s+\\+(\\d+(?:\\.\\d+)?)%");
    /** The method and route that stand for every one. */
    private static final String ANY = "*";

    /** Parses the setting; null or blank is none. */
    public static SlowerRoute parse(String spec) {
        if (spec == null || spec.isBlank()) {
            return NONE;
        }
        Matcher every = EVERY.matcher(spec.trim());
        if (every.matches()) {
            return new SlowerRoute(ANY, ANY, Double.parseDouble(every.group(1)));
        }
        Matcher matcher = SPEC.matcher(spec.trim());
        if (!matcher.matches()) {
            throw new ConfigException(SETTING + ": must read like POST /api/sessions +20%, or * +20% for every route (was " + spec + ")");
        }
        return new SlowerRoute(matcher.group(1).toUpperCase(Locale.ROOT), matcher.group(2), Double.parseDouble(matcher.group(3)));
    }

    /**
     * The delay for a call to {@code method} {@code route} that took {@code handledMicros} to handle,
     * given the delay every call gets.
     */
    long delayMicros(String method, String route, long handledMicros, long addedMicros) {
        boolean slower = this.method.equals(ANY) || this.method.equals(method) && this.route.equals(route);
        return slower
                ? addedMicros + Math.round((handledMicros + addedMicros) * morePercent / 100) : addedMicros;
    }

    boolean isNone() {
        return morePercent == 0;
    }

    String describe() {
        return (method.equals(ANY) ? ANY : method + " " + route) + " +" + Numbers.plain(morePercent) + "%";
    }
}
