package io.stella.harness.livekit.media;

/**
 * Hears a call's figures as they are measured, so that a call cut short (a crash, a hang-up)
 * still leaves what it had measured. Called from the call's own thread.
 */
public interface CallListener {

    CallListener NONE = new CallListener() {
    };

    /** The JoinResponse came {@code joinMillis} after the connect that began at {@code connectEpochMillis}. */
    default void joined(long connectEpochMillis, long joinMillis) {
    }

    /** Media flows both ways: the publisher connection is up and the agent's audio arrives. */
    default void mediaUp(long connectEpochMillis, long mediaSetupMillis) {
    }

    /** The agent's greeting began {@code greetingMillis} after the join, or never did (null). */
    default void greeted(long joinedEpochMillis, Long greetingMillis) {
    }

    default void turn(CallReport.Turn turn) {
    }

    default void ended(CallReport report) {
    }
}
