package io.stella.harness.reference.livekit;

import io.stella.harness.config.ConfigException;
import io.stella.harness.config.Settings;

/**
 * Agent-pool faults the stand-in makes on purpose, as LiveKit Agents' users meet them under load: a share of the
 * agents crash {@code crashAfterMillis} after joining their room (the agent participant leaves, its voice stops
 * mid-word) and, unless {@code redispatchAfterMillis} is null, a new agent for the same job joins that much later
 * and greets the caller; and a share of the dispatches are given to two workers (a second agent joins the room, and
 * stays silent). The shares are exact, not drawn: with 25% every fourth agent crashes, so that a test knows how many.
 */
public record AgentFaults(int crashPercent, long crashAfterMillis, Long redispatchAfterMillis, int doubleDispatchPercent) {

    public static final String CRASH_PERCENT = "REFERENCE_AGENT_CRASH_PERCENT";
    public static final String CRASH_AFTER = "REFERENCE_AGENT_CRASH_AFTER_MS";
    public static final String REDISPATCH_AFTER = "REFERENCE_AGENT_REDISPATCH_MS";
    public static final String DOUBLE_DISPATCH_PERCENT = "REFERENCE_AGENT_DOUBLE_DISPATCH_PERCENT";

    public static final AgentFaults NONE = new AgentFaults(0, 5_000, 1_000L, 0);

    public static AgentFaults from(Settings settings) {
        String redispatch = settings.getOrDefault(REDISPATCH_AFTER, String.valueOf(NONE.redispatchAfterMillis()));
        return new AgentFaults(settings.wholeNumber(CRASH_PERCENT, 0, 0, 100),
                settings.wholeNumber(CRASH_AFTER, (int) NONE.crashAfterMillis(), 0, 600_000),
                redispatch.equals("never") ? null : redispatchMillis(redispatch),
                settings.wholeNumber(DOUBLE_DISPATCH_PERCENT, 0, 0, 100));
    }

    private static long redispatchMillis(String value) {
        try {
            long millis = Long.parseLong(value);
            if (millis >= 0 && millis <= 600_000) {
                return millis;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new ConfigException(REDISPATCH_AFTER + ": must be whole milliseconds within 0..600000, or never (was " + value + ")");
    }

    /** Whether the first agent of the {@code dispatchNumber}-th dispatch (from 1) crashes; the one re-dispatched never does. */
    boolean crashes(long dispatchNumber) {
        return chosen(dispatchNumber, crashPercent);
    }

    /** Whether the {@code dispatchNumber}-th dispatch (from 1) is given to two workers. */
    boolean dispatchedTwice(long dispatchNumber) {
        return chosen(dispatchNumber, doubleDispatchPercent);
    }

    /** Exactly {@code percent} of 100 in a row, spread out: the n-th is chosen when n * percent / 100 grows. */
    private static boolean chosen(long number, int percent) {
        return number * percent / 100 > (number - 1) * percent / 100;
    }

    /** In words, for the run's description of the target; null when the agents do not misbehave. */
    public String describe() {
        if (crashPercent == 0 && doubleDispatchPercent == 0) {
            return null;
        }
        String crashes = crashPercent == 0 ? "" : crashPercent + "% of agents crash " + crashAfterMillis + " ms after joining, "
                + (redispatchAfterMillis == null ? "none re-dispatched" : "re-dispatched after " + redispatchAfterMillis + " ms");
        String twice = doubleDispatchPercent == 0 ? "" : doubleDispatchPercent + "% of dispatches given to two agents";
        return crashes + (crashes.isEmpty() || twice.isEmpty() ? "" : "; ") + twice;
    }
}
