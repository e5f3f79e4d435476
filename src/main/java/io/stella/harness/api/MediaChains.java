package io.stella.harness.api;

import io.gatling.javaapi.core.ChainBuilder;
import io.stella.harness.livekit.media.worker.MediaWorkers;
import io.stella.harness.run.HarnessRun;

import java.time.Duration;

import static io.gatling.javaapi.core.CoreDsl.asLongAs;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.pause;

/**
 * A call over real media, as a chain: the caller joins the LiveKit room of the session the backend
 * created (its {@value BackendChains#LIVEKIT_URL} and {@value BackendChains#PARTICIPANT_TOKEN}),
 * publishes its microphone, hears the agent, talks as the profile's {@code conversation} says, and
 * hangs up. The call runs in a media worker process; the virtual user waits for it without holding
 * a thread, and every figure it measures (voice to voice, time to greeting, media setup, reply
 * length, the call and its failures) goes into the run's voice metrics as it comes.
 */
public final class MediaChains {

    /** The session key of the call in progress. */
    public static final String CALL = "mediaCall";
    private static final Duration POLL = Duration.ofMillis(100);

    private final HarnessRun run;

    MediaChains(HarnessRun run) {
        run.requireMedia();
        this.run = run;
    }

    /** Places the call and waits until it has ended. */
    public ChainBuilder call() {
        return exec(session -> session.set(CALL, run.media().call(session.getString(BackendChains.LIVEKIT_URL),
                        session.getString(BackendChains.PARTICIPANT_TOKEN), run.conversations()::forCall)))
                .exec(asLongAs(session -> !session.<MediaWorkers.Call>get(CALL).done()).on(pause(POLL)))
                .exec(session -> session.remove(CALL));
    }
}
