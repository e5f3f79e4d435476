package io.stella.harness.livekit.media.worker;

import io.stella.harness.config.ConversationShape;
import io.stella.harness.livekit.media.CallReport;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the harness and its media workers say to each other survives the trip, and nothing else is taken for it. */
class WorkerMessagesTest {

    @Test
    void aCallAndAnEndedReportComeBackAsTheyWent() {
        WorkerMessages.Call call = new WorkerMessages.Call(7, "ws://127.0.0.1:1", "token-secret", ConversationShape.DEFAULT,
                ConversationShape.LIBWEBRTC);
        CallReport report = new CallReport(12L, 250L, 300L, List.of(new CallReport.Turn(0, 1_000L, 1_410L, 1_300L, 7_000_000L, 8_410_000L,
                new CallReport.Stages(505, 800, 105), null, new CallReport.SpokenOver(1_700L, 7_700_000L, 700, 2_100L, 1_000,
                        9_800_000L), CallReport.TalkOver.NONE),
                new CallReport.Turn(1, 2_000L, null, null, 9_000_000L, null, null,
                        new CallReport.SpokenOver(1_900L, 8_900_000L, 500, 310L, 1_000, 9_210_000L), null, new CallReport.TalkOver(1, 240))), new CallReport.AudioStats(500, 1, 2.5, 40, 48_000, 99.8, 0, 0),
                new CallReport.SentAudio(480, 3, 5, 470, 4), null, null, new CallReport.Agents(2, 1,
                List.of(new CallReport.AgentRecovery(5_000L, 1_250L, 1_250), new CallReport.AgentRecovery(9_000L, null, 10_000))));
        WorkerMessages.Event ended = new WorkerMessages.Event(7, WorkerMessages.Event.ENDED, null, null, null, report, null);

        assertEquals(call, WorkerMessages.read(WorkerMessages.line(call), WorkerMessages.Call.class).orElseThrow());
        assertEquals(ended, WorkerMessages.read(WorkerMessages.line(ended), WorkerMessages.Event.class).orElseThrow());
    }

    @Test
    void linesWithoutTheProtocolsPrefixAreNotMessages() {
        assertTrue(WorkerMessages.read("[warn] libwebrtc says something", WorkerMessages.Event.class).isEmpty());
        assertTrue(WorkerMessages.read(WorkerMessages.PREFIX + "{not json", WorkerMessages.Event.class).isEmpty());
    }

    @Test
    void aCallNeverShowsItsParticipantToken() {
        WorkerMessages.Call call = new WorkerMessages.Call(7, "ws://127.0.0.1:1", "token-secret", ConversationShape.DEFAULT,
                ConversationShape.LIBWEBRTC);

        assertFalse(call.toString().contains("token-secret"), call.toString());
    }
}
