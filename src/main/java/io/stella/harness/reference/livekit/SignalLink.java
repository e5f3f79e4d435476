package io.stella.harness.reference.livekit;

import livekit.LivekitRtc;

/** The way to one participant's client: its /rtc WebSocket. Agents, which the stand-in plays itself, have none. */
interface SignalLink {

    void send(LivekitRtc.SignalResponse response);

    void close();
}
