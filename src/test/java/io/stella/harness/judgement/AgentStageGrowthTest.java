package io.stella.harness.judgement;

import io.stella.harness.latency.VoiceMetrics;
import io.stella.harness.results.CapacityView;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** At a capacity search's knee the sign-off names the agent's stage that grew most since the first step. */
class AgentStageGrowthTest {

    @Test
    void theStageWhoseMedianGrewMostFromTheFirstStepToTheBrokenOneIsNamed() {
        List<CapacityView.StepView> steps = List.of(
                step(0, 505, 800, 2),
                step(1, 507, 830, 2),
                step(2, 509, 1410, 3),
                step(3, 900, 2500, 40));

        assertEquals("agentThinking grew most: P50 800 -> 1410 ms (+610) from step 0 to step 2 (agentEndOfTurn +4 ms,"
                + " agentOutputWire +1 ms)", AgentStageGrowth.describe(steps, 2));
    }

    @Test
    void withNoStepBrokenTheLastStepIsCompared() {
        List<CapacityView.StepView> steps = List.of(step(0, 505, 800, 2), step(1, 620, 805, 2));

        assertEquals("agentEndOfTurn grew most: P50 505 -> 620 ms (+115) from step 0 to step 1 (agentThinking +5 ms,"
                + " agentOutputWire +0 ms)", AgentStageGrowth.describe(steps, null));
    }

    @Test
    void stagesThatDidNotGrowAreSaidNotToHave() {
        List<CapacityView.StepView> steps = List.of(step(0, 560, 800, 57), step(1, 560, 799, 57));

        assertEquals("no agent stage grew from step 0 to step 1 (agentEndOfTurn +0 ms, agentOutputWire +0 ms, agentThinking -1 ms)",
                AgentStageGrowth.describe(steps, null));
    }

    @Test
    void anAgentThatPublishedNoStateGetsNoSentence() {
        CapacityView.StepView noStages = new CapacityView.StepView(0, 1, 1, 10, 0, 0.0, 5.0, 6.0, 7.0, true, List.of(),
                Map.of(VoiceMetrics.VOICE_TO_VOICE + VoiceMetrics.ON_THE_WIRE, figures(1300)), 10);

        assertNull(AgentStageGrowth.describe(List.of(noStages, noStages), null));
    }

    private static CapacityView.StepView step(int index, double endOfTurnP50, double thinkingP50, double outputP50) {
        return new CapacityView.StepView(index, 1 + index, 1 + index, 100, 0, 0.0, 5.0, 6.0, 7.0, true, List.of(),
                Map.of(VoiceMetrics.AGENT_END_OF_TURN, figures(endOfTurnP50), VoiceMetrics.AGENT_THINKING, figures(thinkingP50),
                        VoiceMetrics.AGENT_OUTPUT + VoiceMetrics.ON_THE_WIRE, figures(outputP50)), 10 * (index + 1));
    }

    private static CapacityView.VoiceStepView figures(double p50Millis) {
        return new CapacityView.VoiceStepView(30, 0, 0, p50Millis, p50Millis + 10);
    }
}
