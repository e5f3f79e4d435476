package io.stella.harness.livekit.media;

/**
 * The agent's speech heard while the caller spoke a prompt, from the changes its ear reported: each time it began
 * (a premature reply: the agent took the caller's turn as over while it was still speaking) and how long it talked
 * over the caller, up to the prompt's end. Fed from the call's thread only.
 */
final class TalkOverTally {

    private final long promptStartedNanos;
    private final long promptEndedNanos;
    private int agentStarts;
    private long overlapNanos;
    private Long speakingSinceNanos;

    TalkOverTally(Mouth.Spoken prompt) {
        this.promptStartedNanos = prompt.startedNanos();
        this.promptEndedNanos = prompt.endedNanos();
    }

    void heard(VoiceActivity.Change change) {
        if (change instanceof VoiceActivity.Started started && started.atNanos() - promptStartedNanos >= 0
                && started.atNanos() - promptEndedNanos < 0) {
            agentStarts++;
            speakingSinceNanos = started.atNanos();
        } else if (change instanceof VoiceActivity.Ended ended && speakingSinceNanos != null) {
            overlapNanos += Math.min(ended.endedNanos(), promptEndedNanos) - speakingSinceNanos;
            speakingSinceNanos = null;
        }
    }

    /** What was heard over the prompt; speech still going at its end counts up to the end. */
    CallReport.TalkOver tally() {
        long openNanos = speakingSinceNanos == null ? 0 : promptEndedNanos - speakingSinceNanos;
        return new CallReport.TalkOver(agentStarts, (overlapNanos + openNanos) / 1_000_000);
    }
}
