package io.stella.harness.livekit.media;

import java.util.List;

/**
 * Where the caller speaks over the agent (the profile's {@code conversation.bargeIn}): each turn named in
 * {@code turns} (counted from 1, the first turn after the greeting; never turn 1) is spoken over the agent's reply
 * to the turn before, {@code afterMillis} after that reply was first heard, instead of after it ended. The agent
 * should go silent: from the caller's first interrupting speech to the agent's last audio heard is
 * {@code bargeInStop}, and an agent still talking {@code stopWithinMillis} after it was interrupted is
 * NOT_INTERRUPTED.
 */
public record BargeIn(List<Integer> turns, int afterMillis, int stopWithinMillis) {

    /** No turn is spoken over the agent. */
    public static final BargeIn NONE = new BargeIn(List.of(), 500, 1_000);

    public BargeIn {
        turns = List.copyOf(turns);
    }

    /** Whether the turn of that index (from 0) is spoken over the reply to the turn before it. */
    public boolean over(int turnIndex) {
        return turns.contains(turnIndex + 1);
    }
}
