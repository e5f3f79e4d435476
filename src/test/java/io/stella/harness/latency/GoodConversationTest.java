package io.stella.harness.latency;

import io.stella.harness.livekit.media.CallReport;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** A conversation is good when every turn went as a person expects; the first thing that did not names why. */
class GoodConversationTest {

    private static final CallReport.SpokenOver STOPPED_IN_300 = new CallReport.SpokenOver(0, 0, 500, 300L, 1_000, 300L);
    private static final CallReport.SpokenOver TALKED_ON = new CallReport.SpokenOver(0, 0, 500, null, 1_000, null);

    @Test
    void turnsAnsweredInTimeWithAnAgentThatStopsWhenInterruptedAndTalksThroughAnUhHuhMakeAGoodConversation() {
        GoodConversation good = new GoodConversation(2_000);

        good.turn(turn(1_300L, null, TALKED_ON, CallReport.TalkOver.NONE));
        good.turn(turn(1_900L, STOPPED_IN_300, null, CallReport.TalkOver.NONE));

        assertNull(good.notGoodBecause(null));
        assertEquals(1_900, good.slowestTurnMillis());
    }

    @Test
    void theFirstTurnThatWentWrongNamesWhyAndTheCallsOwnFailureComesFirst() {
        GoodConversation good = new GoodConversation(2_000);

        good.turn(turn(1_300L, null, null, new CallReport.TalkOver(1, 400)));
        good.turn(turn(2_400L, TALKED_ON, STOPPED_IN_300, CallReport.TalkOver.NONE));
        good.turn(turn(null, null, null, CallReport.TalkOver.NONE));

        assertEquals(ErrorKind.PREMATURE_REPLY, good.notGoodBecause(null));
        assertEquals(ErrorKind.AUDIO_LOST, good.notGoodBecause(ErrorKind.AUDIO_LOST));
        assertEquals(2_400, good.slowestTurnMillis());
    }

    @Test
    void eachWayATurnCanGoWrongIsNamed() {
        assertEquals(ErrorKind.SLOW_TURN, firstProblem(turn(2_001L, null, null, null)));
        assertEquals(ErrorKind.NO_REPLY, firstProblem(turn(null, null, null, null)));
        assertEquals(ErrorKind.NOT_INTERRUPTED, firstProblem(turn(1_000L, TALKED_ON, null, null)));
        assertEquals(ErrorKind.FALSE_INTERRUPTION, firstProblem(turn(1_000L, null, STOPPED_IN_300, null)));
    }

    @Test
    void anAgentThatLeftMidCallOrASecondAgentInTheRoomSpoilsTheConversationAfterItsTurns() {
        GoodConversation crashed = new GoodConversation(2_000);
        crashed.turn(turn(1_000L, null, null, null));
        crashed.agents(new CallReport.Agents(2, 1, java.util.List.of(new CallReport.AgentRecovery(0, 700L, 8_000))));
        assertEquals(ErrorKind.AGENT_LEFT, crashed.notGoodBecause(null));

        GoodConversation twice = new GoodConversation(2_000);
        twice.agents(new CallReport.Agents(2, 2, java.util.List.of()));
        assertEquals(ErrorKind.TWO_AGENTS, twice.notGoodBecause(null));

        GoodConversation slowFirst = new GoodConversation(2_000);
        slowFirst.turn(turn(2_500L, null, null, null));
        slowFirst.agents(new CallReport.Agents(2, 2, java.util.List.of()));
        assertEquals(ErrorKind.SLOW_TURN, slowFirst.notGoodBecause(null));
    }

    private static ErrorKind firstProblem(CallReport.Turn turn) {
        GoodConversation good = new GoodConversation(2_000);
        good.turn(turn);
        return good.notGoodBecause(null);
    }

    private static CallReport.Turn turn(Long voiceToVoiceMillis, CallReport.SpokenOver bargeIn, CallReport.SpokenOver backchannel,
                                        CallReport.TalkOver talkOver) {
        return new CallReport.Turn(0, 0, voiceToVoiceMillis, null, 0, voiceToVoiceMillis == null ? null : voiceToVoiceMillis * 1_000_000,
                null, bargeIn, backchannel, talkOver);
    }
}
