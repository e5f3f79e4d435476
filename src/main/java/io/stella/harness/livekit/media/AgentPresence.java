package io.stella.harness.livekit.media;

import livekit.LivekitModels;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The agents in a call's room as its signaling tells of them: how many came, how many were there at once, and
 * when one left. An agent is known by its participant sid, so one re-dispatched under the same identity is a new
 * agent, and an update of an agent that left (a state it sent before it went) does not bring it back. Fed from
 * the signaling thread, read from the call's.
 */
final class AgentPresence {

    private final Set<String> present = new HashSet<>();
    private final Set<String> gone = new HashSet<>();
    private final List<Long> leftNanos = new ArrayList<>();
    private int seen;
    private int mostAtOnce;
    private long lastJoinedNanos;

    synchronized void saw(LivekitModels.ParticipantInfo agent, long nowNanos) {
        String sid = agent.getSid();
        if (agent.getState() == LivekitModels.ParticipantInfo.State.DISCONNECTED) {
            if (present.remove(sid)) {
                gone.add(sid);
                leftNanos.add(nowNanos);
            }
            return;
        }
        if (gone.contains(sid) || !present.add(sid)) {
            return;
        }
        seen++;
        lastJoinedNanos = nowNanos;
        mostAtOnce = Math.max(mostAtOnce, present.size());
    }

    /** How many times an agent has left the room so far. */
    synchronized int leaves() {
        return leftNanos.size();
    }

    /** When the {@code number}-th agent to leave (from 1) was seen leaving. */
    synchronized long leftAtNanos(int number) {
        return leftNanos.get(number - 1);
    }

    /** When an agent came into the room after {@code nanos} and is there now; null while none has. */
    synchronized Long joinedAfter(long nanos) {
        return !present.isEmpty() && seen > 0 && lastJoinedNanos - nanos > 0 ? lastJoinedNanos : null;
    }

    synchronized int seen() {
        return seen;
    }

    synchronized int mostAtOnce() {
        return mostAtOnce;
    }
}
