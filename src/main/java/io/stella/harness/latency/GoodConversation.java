package io.stella.harness.latency;

import io.stella.harness.livekit.media.CallReport;

/**
 * Whether one call was a good conversation, as the caller would judge it (goodput): every turn answered within
 * {@code goodTurnWithinMillis}, the agent stopping when spoken over and talking on through a backchannel, never
 * starting while the caller still spoke, one agent in the room all along, and the call gone to its end with clean audio. Keeps the first reason it
 * was not, and its slowest answer. Fed from one call's thread.
 */
final class GoodConversation {

    private final long goodTurnWithinMillis;
    private ErrorKind firstProblem;
    private long slowestTurnMillis;

    GoodConversation(long goodTurnWithinMillis) {
        this.goodTurnWithinMillis = goodTurnWithinMillis;
    }

    void turn(CallReport.Turn turn) {
        if (!turn.answered()) {
            problem(ErrorKind.NO_REPLY);
        } else {
            slowestTurnMillis = Math.max(slowestTurnMillis, turn.voiceToVoiceMillis());
            if (turn.voiceToVoiceMillis() > goodTurnWithinMillis) {
                problem(ErrorKind.SLOW_TURN);
            }
        }
        if (turn.bargeIn() != null && !turn.bargeIn().silentWithinLimit()) {
            problem(ErrorKind.NOT_INTERRUPTED);
        }
        if (turn.backchannel() != null && turn.backchannel().silentWithinLimit()) {
            problem(ErrorKind.FALSE_INTERRUPTION);
        }
        if (turn.talkOver() != null && turn.talkOver().agentStarts() > 0) {
            problem(ErrorKind.PREMATURE_REPLY);
        }
    }

    /** The agents the call saw: one that left mid-call, or two at once, spoil the conversation. */
    void agents(CallReport.Agents agents) {
        if (!agents.recoveries().isEmpty()) {
            problem(ErrorKind.AGENT_LEFT);
        }
        if (agents.mostAtOnce() > 1) {
            problem(ErrorKind.TWO_AGENTS);
        }
    }

    private void problem(ErrorKind kind) {
        if (firstProblem == null) {
            firstProblem = kind;
        }
    }

    /** Why the conversation was not good, the call's own failure first; null: it was good. */
    ErrorKind notGoodBecause(ErrorKind callFailure) {
        return callFailure != null ? callFailure : firstProblem;
    }

    long slowestTurnMillis() {
        return slowestTurnMillis;
    }
}
