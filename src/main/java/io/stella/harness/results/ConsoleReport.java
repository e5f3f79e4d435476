package io.stella.harness.results;

import io.stella.harness.latency.MediaFigures;

import java.io.PrintStream;
import java.util.Map;

/** The short report at the end of a run: figures per request, each verdict, where the files are. */
public final class ConsoleReport {

    private ConsoleReport() {
    }

    public static void print(PrintStream out, Summary summary, String folder) {
        out.println();
        out.println("=== STELLA harness: " + summary.simulation() + ", profile " + summary.profile().name()
                + " (measured window: " + summary.window().measuredSec() + " s after "
                + summary.window().warmUpSec() + " s warm-up; HdrHistogram, ms) ===");
        out.printf("%-16s %8s %7s %9s %9s %9s %9s %9s%n", "request", "count", "errors", "p50", "p95", "p99", "max", "req/s");
        rows(out, summary.requests());
        if (summary.voiceMetrics() != null && !summary.voiceMetrics().isEmpty()) {
            out.println("voice metrics (measured by the harness; peak sessions held: " + summary.peakSessionsHeld() + ")");
            rows(out, summary.voiceMetrics());
        }
        if (summary.media() != null) {
            media(out, summary.media());
        }
        if (summary.capacity() != null) {
            capacity(out, summary.capacity(), summary.media() != null);
        }
        if (summary.setupBudget() != null) {
            setupBudget(out, summary.setupBudget());
        }
        out.println();
        for (Summary.VerdictView verdict : summary.thresholds()) {
            String line = verdict.status() + "  " + verdict.threshold() + ": required " + verdict.required()
                    + ", actual " + verdict.actual() + windows(verdict.windows());
            out.println(verdict.reason() == null ? line : line + " (" + verdict.reason() + ")");
        }
        out.println();
        out.println("Verdict: " + summary.status() + "   Results: " + folder);
    }

    private static void media(PrintStream out, Summary.MediaView media) {
        Summary.MediaView.AudioView audio = media.audio();
        out.printf("media: %d of %d calls went to their end; audio received: %s%% packets lost, %s%% samples concealed,"
                        + " worst jitter %s ms, playout at %s%% of real time (slowest call %s%%)%s%n", media.callsCompleted(),
                media.callsPlaced(), text(audio.lostPercent()), text(audio.concealedPercent()), text(audio.worstJitterMillis()),
                text(audio.meanPlayoutPercent()), text(audio.slowestPlayoutPercent()), media.clock() == null ? ""
                        : "; audio clock late on " + text(media.clock().latePercent()) + "% of ticks");
        Summary.MediaView.AudioSentView sent = media.audioSent();
        if (sent != null) {
            out.printf("  audio sent: %d packets, %s%% lost at the far end (its RTCP reports, %d calls)%s%n", sent.packetsSent(),
                    text(sent.lostAtFarEndPercent()), sent.callsReported(), sent.packetsDroppedByNetwork() == 0 ? ""
                            : "; the profile's network dropped " + sent.packetsDroppedByNetwork());
        }
        Summary.MediaView.AgentStagesView view = media.agentStages();
        String stages = new MediaFigures.AgentStages(view.turnsStaged(), view.turnsNotStaged()).sentence();
        if (stages != null) {
            out.println("  agent stages: " + stages);
        }
        Summary.MediaView.AgentFaultsView faults = media.agentFaults();
        if (faults != null) {
            out.printf("  agent faults: the agent left %d call(s) mid-call, replaced %d time(s) (agentRecovery), not %d time(s)"
                            + " (AGENT_LOST); %d of those calls went to their end; %d call(s) had two agents at once%n",
                    faults.callsAgentLeft(), faults.agentsReplaced(), faults.agentsNotReplaced(), faults.callsSurvived(),
                    faults.callsWithTwoAgents());
        }
        media.failures().forEach((reason, count) -> out.println("  failed x" + count + ": " + reason));
    }

    private static void capacity(PrintStream out, CapacityView capacity, boolean conversations) {
        out.println("capacity search, step by step (all requests, each step's hold):");
        out.printf("  %5s %10s %10s %8s %8s %9s %9s %9s  %s%n", "step", "rate/s", "req/s", "count", "errors", "p50", "p95", "p99", "");
        for (CapacityView.StepView step : capacity.steps()) {
            out.printf("  %5d %10s %10s %8d %8d %9s %9s %9s  %s%n", step.step(), text(step.ratePerSec()),
                    text(step.requestsPerSec()), step.count(), step.errors(), text(step.p50Millis()), text(step.p95Millis()),
                    text(step.p99Millis()), step.held() ? "held" : "BROKE " + String.join("; ", step.breaches()));
        }
        String heldUnit = conversations ? "conversations" : "voice sessions";
        voiceSteps(out, capacity, heldUnit);
        boolean callers = conversations || capacity.kneeConcurrentSessions() != null;
        out.println("  finding: " + capacity.finding() + (capacity.kneeRatePerSec() == null ? ""
                : ", knee " + text(capacity.kneeRatePerSec()) + (callers ? " callers/s (" : " journeys/s (") + text(capacity.kneeRequestsPerSec())
                + " req/s" + (capacity.kneeConcurrentSessions() == null ? "" : ", " + capacity.kneeConcurrentSessions()
                + " " + heldUnit + " held at once") + ")")
                + (Boolean.TRUE.equals(capacity.stoppedEarly()) ? "; stopped early after a hard break" : ""));
        if (capacity.planning() != null) {
            CapacityView.PlanView plan = capacity.planning();
            out.println("  planning: headroom " + text(plan.headroom()) + "x over a peak of " + text(plan.currentPeak())
                    + " " + plan.unit() + ", " + text(plan.monthsLeft()) + " months at " + text(plan.monthlyGrowthPercent()) + "% a month"
                    + (plan.enough() ? "" : " (below the " + text(plan.minHeadroom()) + "x wanted)"));
        }
    }

    private static void setupBudget(PrintStream out, Summary.SetupBudget budget) {
        out.println("setup budget " + budget.target() + ", by stage (p50 / p95 / p99 ms, share of budget at P"
                + io.stella.harness.config.Numbers.plain(budget.percentile()) + "):");
        for (Summary.SetupBudget.Stage stage : budget.stages()) {
            out.printf("  %-14s %9s %9s %9s   %s%%%n", stage.stage(), text(stage.p50Millis()), text(stage.p95Millis()),
                    text(stage.p99Millis()), text(stage.shareOfBudgetPercent()));
        }
    }

    /** Each step's voice figures, when it has any: held at once, and per metric its P50 and how many got no reply or failed. */
    private static void voiceSteps(PrintStream out, CapacityView capacity, String heldUnit) {
        if (capacity.steps().stream().allMatch(step -> step.voice() == null)) {
            return;
        }
        out.println("  voice, step by step (P50; no reply and all failures of all samples):");
        for (CapacityView.StepView step : capacity.steps()) {
            StringBuilder line = new StringBuilder(String.format("  %5d %10s/s", step.step(), text(step.ratePerSec())));
            if (step.heldAtOnce() != null) {
                line.append(", ").append(step.heldAtOnce()).append(' ').append(heldUnit).append(" at once");
            }
            if (step.voice() != null) {
                step.voice().forEach((name, figures) -> line.append("; ").append(name).append(' ')
                        .append(figures.p50Millis() == null ? "-" : Long.toString(Math.round(figures.p50Millis()))).append(" ms (").append(figures.noReply()).append(" no reply, ").append(figures.errors()).append(" failed of ")
                        .append(figures.count()).append(')'));
            }
            out.println(line);
        }
    }

    /** "; held in 5 of 6 10-s windows, 1 inconclusive": how the threshold fared window by window. */
    static String windows(Summary.WindowsView windows) {
        if (windows == null) {
            return "";
        }
        return "; held in " + windows.held() + " of " + windows.windows() + " " + windows.windowSec() + "-s windows"
                + (windows.failed() > 0 ? ", failed in " + windows.failed() : "")
                + (windows.inconclusive() > 0 ? ", " + windows.inconclusive() + " inconclusive" : "");
    }

    private static void rows(PrintStream out, Map<String, Summary.RequestFigures> byName) {
        for (Map.Entry<String, Summary.RequestFigures> entry : byName.entrySet()) {
            WindowFigures figures = entry.getValue().measured();
            Map<String, Double> p = figures.percentilesMillis();
            out.printf("%-16s %8d %7d %9s %9s %9s %9s %9s%n", entry.getKey(), figures.count(), figures.errors(),
                    text(p.get("p50")), text(p.get("p95")), text(p.get("p99")), text(figures.maxMillis()),
                    text(figures.throughputPerSec()));
        }
    }

    private static String text(Double value) {
        return value == null ? "-" : String.format("%.3f", value);
    }
}
