package io.stella.harness.reference.livekit.media;

import livekit.LivekitRtc;

/** The stand-in agent's side of one caller's media, on whichever engine the stand-in runs its agents. */
interface AgentSession extends AutoCloseable {

    /** A media request from the caller's socket (add track, offer, answer, trickle). */
    void handle(LivekitRtc.SignalRequest request);

    @Override
    void close();
}
