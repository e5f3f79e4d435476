package io.stella.harness.judgement;

import io.stella.harness.config.Numbers;
import io.stella.harness.latency.VoiceMetrics;
import io.stella.harness.results.CapacityView;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Which of the agent's own stages (end of turn, thinking, output) grew most between the capacity search's
 * first step and the step where its thresholds broke (the last step when none did): the stage to look at
 * first at the knee. Read from each step's P50 of the stages the agent's {@code lk.agent.state} split
 * turns into; nothing when the agent published no state.
 */
public final class AgentStageGrowth {

    static final List<String> STAGES = List.of(VoiceMetrics.AGENT_END_OF_TURN, VoiceMetrics.AGENT_THINKING,
            VoiceMetrics.AGENT_OUTPUT, VoiceMetrics.AGENT_OUTPUT + VoiceMetrics.ON_THE_WIRE);

    private AgentStageGrowth() {
    }

    /** One stage's median at the two steps compared. */
    record Growth(String stage, double fromP50Millis, double toP50Millis) {
        double millis() {
            return toP50Millis - fromP50Millis;
        }
    }

    /**
     * The sentence for the sign-off, e.g. "agentThinking grew most: P50 805 -> 1410 ms (+605) from step 0 to step 4 (agentEndOfTurn
     * +3 ms, agentOutputWire +1 ms)"; null when no two steps measured the stages.
     */
    public static String describe(List<CapacityView.StepView> steps, Integer brokeAtStep) {
        List<CapacityView.StepView> staged = steps.stream().filter(AgentStageGrowth::measuresStages).toList();
        if (staged.size() < 2) {
            return null;
        }
        CapacityView.StepView from = staged.get(0);
        CapacityView.StepView to = staged.stream().filter(step -> brokeAtStep != null && step.step() == brokeAtStep).findFirst()
                .orElse(staged.get(staged.size() - 1));
        List<Growth> growths = new ArrayList<>();
        for (String stage : STAGES) {
            Double before = p50(from.voice(), stage);
            Double after = p50(to.voice(), stage);
            if (before != null && after != null) {
                growths.add(new Growth(stage, before, after));
            }
        }
        if (growths.isEmpty() || from == to) {
            return null;
        }
        growths.sort(Comparator.comparingDouble(Growth::millis).reversed());
        Growth most = growths.get(0);
        if (most.millis() <= 0) {
            return "no agent stage grew from step " + from.step() + " to step " + to.step() + " (" + String.join(", ",
                    growths.stream().map(growth -> growth.stage() + " " + signed(growth.millis()) + " ms").toList()) + ")";
        }
        StringBuilder text = new StringBuilder(most.stage() + " grew most: P50 " + Numbers.plain(most.fromP50Millis()) + " -> "
                + Numbers.plain(most.toP50Millis()) + " ms (" + signed(most.millis()) + ") from step " + from.step() + " to step " + to.step());
        if (growths.size() > 1) {
            text.append(" (").append(String.join(", ", growths.subList(1, growths.size()).stream()
                    .map(growth -> growth.stage() + " " + signed(growth.millis()) + " ms").toList())).append(")");
        }
        return text.toString();
    }

    private static boolean measuresStages(CapacityView.StepView step) {
        return step.voice() != null && STAGES.stream().anyMatch(stage -> p50(step.voice(), stage) != null);
    }

    private static Double p50(Map<String, CapacityView.VoiceStepView> voice, String stage) {
        CapacityView.VoiceStepView figures = voice == null ? null : voice.get(stage);
        return figures == null ? null : figures.p50Millis();
    }

    private static String signed(double millis) {
        return (millis >= 0 ? "+" : "") + Numbers.plain(millis);
    }
}
