package io.stella.harness.livekit.media;

import livekit.LivekitModels;

import java.util.ArrayList;
import java.util.List;

/**
 * The agent's states as the caller saw them arrive in signaling: LiveKit Agents publish the participant
 * attribute {@value #ATTRIBUTE} (initializing, listening, thinking, speaking), and each change is kept
 * with the moment it arrived on the machine's monotonic clock, the clock a turn's ends are stamped on.
 * An agent that publishes no state leaves it empty.
 */
public final class AgentStateLog {

    public static final String ATTRIBUTE = "lk.agent.state";
    public static final String THINKING = "thinking";
    public static final String SPEAKING = "speaking";

    /** One change: the state, and when its update arrived. */
    record Change(String state, long arrivedNanos) {
    }

    private final List<Change> changes = new ArrayList<>();
    private String current;

    /** Notes the agent's state in a participant update that arrived at {@code arrivedNanos}; other participants are ignored. */
    public synchronized void saw(LivekitModels.ParticipantInfo participant, long arrivedNanos) {
        if (participant.getKind() != LivekitModels.ParticipantInfo.Kind.AGENT || !participant.containsAttributes(ATTRIBUTE)) {
            return;
        }
        String state = participant.getAttributesOrThrow(ATTRIBUTE);
        if (!state.equals(current)) {
            current = state;
            changes.add(new Change(state, arrivedNanos));
        }
    }

    /** When the agent first went into {@code state} at or after {@code fromNanos} and before {@code beforeNanos}; null if it did not. */
    public synchronized Long firstAt(String state, long fromNanos, long beforeNanos) {
        for (Change change : changes) {
            if (change.state().equals(state) && change.arrivedNanos() >= fromNanos && change.arrivedNanos() < beforeNanos) {
                return change.arrivedNanos();
            }
        }
        return null;
    }
}
