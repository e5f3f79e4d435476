package io.stella.harness.livekit.media;

import java.util.List;

/**
 * Where the caller says something short while the agent talks ("uh-huh"; the profile's
 * {@code conversation.backchannel}): during the agent's reply to each turn named in {@code turns} (counted from 1),
 * {@code afterMillis} after it was first heard, the caller says {@code clip}. The agent should talk on: a reply that
 * went silent within {@code stopWithinMillis} after the backchannel began was a FALSE_INTERRUPTION.
 */
public record Backchannel(List<Integer> turns, int afterMillis, int stopWithinMillis, String clip) {

    /** The shipped backchannel: "Uh-huh.", 0.41 s. */
    public static final String SHIPPED_CLIP = "voice/uh-huh.wav";
    /** No backchannel in any turn. */
    public static final Backchannel NONE = new Backchannel(List.of(), 700, 1_000, SHIPPED_CLIP);

    public Backchannel {
        turns = List.copyOf(turns);
    }

    /** Whether the caller backchannels during the reply to the turn of that index (from 0). */
    public boolean during(int turnIndex) {
        return turns.contains(turnIndex + 1);
    }
}
