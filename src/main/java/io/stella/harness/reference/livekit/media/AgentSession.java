package io.stella.harness.reference.livekit.media;

import livekit.LivekitRtc;

/** The stand-in agent's side of one caller's media, on whichever engine the stand-in runs its agents. */
interface AgentSession extends AutoCloseable {

    /** A media request from the caller's socket (add track, offer, answer, trickle). */
    void handle(LivekitRtc.SignalRequest request);

    /** The room the caller is in. */
    String room();

    /** The agent speaking to the caller crashed: its voice stops, and it answers nothing more. */
    void agentLeft();

    /** An agent joined the room: one taking over from an agent that crashed greets the caller and answers again. */
    void agentJoined();

    @Override
    void close();
}
