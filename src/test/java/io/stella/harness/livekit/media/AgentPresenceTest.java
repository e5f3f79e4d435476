package io.stella.harness.livekit.media;

import livekit.LivekitModels;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The agents in a call's room, as signaling tells of them: by participant sid, so a re-dispatched agent is a new one. */
class AgentPresenceTest {

    @Test
    void anAgentThatLeavesAndOneThatComesUnderTheSameIdentityAreALeaveAndANewAgent() {
        AgentPresence agents = new AgentPresence();

        agents.saw(agent("PA_first", LivekitModels.ParticipantInfo.State.JOINED), 100);
        agents.saw(agent("PA_first", LivekitModels.ParticipantInfo.State.ACTIVE), 150);
        agents.saw(agent("PA_first", LivekitModels.ParticipantInfo.State.DISCONNECTED), 1_000);
        assertEquals(1, agents.leaves());
        assertEquals(1_000, agents.leftAtNanos(1));
        assertNull(agents.joinedAfter(1_000), "nobody in the room");

        agents.saw(agent("PA_first", LivekitModels.ParticipantInfo.State.ACTIVE), 1_100); // a state it sent before it went
        assertNull(agents.joinedAfter(1_000), "the agent that left is not back");

        agents.saw(agent("PA_second", LivekitModels.ParticipantInfo.State.JOINED), 1_700);
        assertEquals(1_700L, agents.joinedAfter(1_000));
        assertEquals(2, agents.seen());
        assertEquals(1, agents.mostAtOnce());
    }

    @Test
    void twoAgentsInTheRoomAtOnceAreCounted() {
        AgentPresence agents = new AgentPresence();

        agents.saw(agent("PA_first", LivekitModels.ParticipantInfo.State.JOINED), 100);
        agents.saw(agent("PA_twice", LivekitModels.ParticipantInfo.State.JOINED), 120);

        assertEquals(2, agents.mostAtOnce());
        assertEquals(0, agents.leaves());
    }

    private static LivekitModels.ParticipantInfo agent(String sid, LivekitModels.ParticipantInfo.State state) {
        return LivekitModels.ParticipantInfo.newBuilder().setSid(sid).setIdentity("agent-AD_1")
                .setKind(LivekitModels.ParticipantInfo.Kind.AGENT).setState(state).build();
    }
}
