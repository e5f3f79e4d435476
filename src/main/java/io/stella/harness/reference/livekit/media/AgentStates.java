package io.stella.harness.reference.livekit.media;

import livekit.LivekitModels;
import livekit.LivekitRtc;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The stand-in agent's state as LiveKit Agents publish it: the participant attribute {@value #ATTRIBUTE}
 * (listening, thinking, speaking), sent to its caller as a ParticipantUpdate of the agent with its audio
 * track (an update without the track would read as the track gone) and a version that grows (clients drop
 * an update older than what they hold). Sent from one timer thread, so changes arrive in the order made.
 */
class AgentStates {

    static final String ATTRIBUTE = "lk.agent.state";
    static final String LISTENING = "listening";
    static final String THINKING = "thinking";
    static final String SPEAKING = "speaking";

    /** An agent that publishes no state. */
    static final AgentStates NONE = new AgentStates(null, null, null, null) {
        @Override
        void now(String state) {
        }

        @Override
        void at(String state, long atNanos) {
        }
    };

    private final Consumer<LivekitRtc.SignalResponse> toClient;
    private final LivekitModels.ParticipantInfo agent;
    private final String agentTrackSid;
    private final ScheduledExecutorService timer;
    private int version; // timer thread only
    private volatile boolean gone;

    AgentStates(Consumer<LivekitRtc.SignalResponse> toClient, LivekitModels.ParticipantInfo agent, String agentTrackSid,
                ScheduledExecutorService timer) {
        this.toClient = toClient;
        this.agent = agent;
        this.agentTrackSid = agentTrackSid;
        this.timer = timer;
        this.version = agent == null ? 0 : agent.getVersion();
    }

    /** Where an agent's state goes: to its caller, unless the agent publishes none (or is not in the room). */
    static AgentStates of(AgentVoice voice, Consumer<LivekitRtc.SignalResponse> toClient,
                          java.util.Optional<LivekitModels.ParticipantInfo> agent, String agentTrackSid, ScheduledExecutorService timer) {
        return voice.publishesState() && agent.isPresent() ? new AgentStates(toClient, agent.get(), agentTrackSid, timer) : NONE;
    }

    /** The agent is in {@code state} from now on. */
    void now(String state) {
        at(state, System.nanoTime());
    }

    /** The agent will be in {@code state} from {@code atNanos} on (the machine's monotonic clock). */
    void at(String state, long atNanos) {
        try {
            timer.schedule(() -> send(state), Math.max(0, atNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // the stand-in is closing: nobody is left to tell
        }
    }

    /** The agent left the room: no change it had still to tell is told (it would read as the agent back). */
    void gone() {
        gone = true;
    }

    private void send(String state) {
        if (gone) {
            return;
        }
        version++;
        toClient.accept(AgentTracks.agentInState(agent, agentTrackSid, state, version));
    }
}
