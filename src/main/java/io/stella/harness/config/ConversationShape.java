package io.stella.harness.config;

import java.util.List;

/**
 * How a caller with real media talks (the profile's {@code conversation} block): maybe wait for the
 * agent's greeting, then {@code turns} times speak a prompt (WAV clips, cycled), wait for the reply
 * to start (at most {@code replyTimeoutSec}: past it the turn is NO_REPLY) and end (quiet for
 * {@code replyEndSilenceMillis}), pause, speak again. A call whose received audio lost more than
 * {@code maxLostPercent} of its packets, or was concealed for more than {@code maxConcealedPercent}
 * of its samples, counts as AUDIO_LOST. Up to {@code callsPerWorker} calls share one media process.
 */
public record ConversationShape(int turns, boolean greeting, List<String> prompts, int replyTimeoutSec, int pauseMillis,
                                int replyEndSilenceMillis, double speechDbfs, int mediaTimeoutSec, double maxLostPercent,
                                double maxConcealedPercent, int callsPerWorker) {

    public static final List<String> SHIPPED_PROMPTS = List.of("voice/prompt-1.wav", "voice/prompt-2.wav", "voice/prompt-3.wav");

    /** Three turns after the greeting, speech above -40 dBFS, a reply ended after 0.8 s of quiet. */
    public static final ConversationShape DEFAULT = new ConversationShape(3, true, SHIPPED_PROMPTS, 8, 500, 800, -40, 10, 5, 20, 25);

    public ConversationShape {
        prompts = List.copyOf(prompts);
    }

    /**
     * The longest a call can last, in seconds, whatever the agent does: connecting and media setup,
     * the greeting, and per turn the wait for quiet (4 reply timeouts), the longest prompt, the wait
     * for the reply to start and to end (1 + 4 reply timeouts), and the pause; plus a margin.
     */
    public int longestCallSec() {
        int perTurnSec = 9 * replyTimeoutSec + 10 + pauseMillis / 1000 + 1;
        return 25 + 2 * mediaTimeoutSec + (greeting ? 5 * replyTimeoutSec : 0) + turns * perTurnSec;
    }
}
