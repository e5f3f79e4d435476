package io.stella.harness.config;

/**
 * How a voice session behaves once joined: held for {@code holdSec} with a signaling ping every
 * {@code pingIntervalSec}, after waiting at most {@code agentTimeoutSec} for the agent.
 */
public record VoiceShape(int holdSec, int pingIntervalSec, int agentTimeoutSec) {

    /** Hold a little over a typical greeting; well below LiveKit's one-minute join timeout. */
    public static final VoiceShape DEFAULT = new VoiceShape(10, 2, 10);

    /** A session without media is dropped by LiveKit after this long; a hold must end before. */
    public static final int LIVEKIT_JOIN_TIMEOUT_SEC = 60;

    public int pings() {
        return holdSec / pingIntervalSec;
    }
}
