package io.stella.harness.latency;

import io.stella.harness.livekit.media.CallReport;

/**
 * What a run's calls over real media carried, beyond their latencies: calls placed and how they
 * ended, the agent's audio as WebRTC received it (packets, losses, concealment, jitter), and how
 * well the harness's own audio clock kept time. Fed from many calls at once.
 */
public final class MediaFigures {

    /** The audio as received over all calls: sums, and the worst jitter one call saw. */
    public record Audio(long packetsReceived, long packetsLost, long samplesReceived, long samplesConcealed,
                        double worstJitterMillis, double slowestPlayoutPercent, double meanPlayoutPercent, long packetsRejected,
                        long packetsDroppedByNetwork) {
        public double lostPercent() {
            long expected = packetsReceived + packetsLost;
            return expected == 0 ? 0 : 100.0 * packetsLost / expected;
        }

        public double concealedPercent() {
            return samplesReceived == 0 ? 0 : 100.0 * samplesConcealed / samplesReceived;
        }
    }

    /**
     * The callers' audio as sent, over all calls that went to their end: packets sent, those the profile's
     * network dropped, and what the far end's RTCP reports said: calls with a report, the packets their
     * latest reports expected and those that never came.
     */
    public record Sent(long packetsSent, long packetsDroppedByNetwork, long callsReported, long packetsExpectedAtFarEnd,
                       long packetsLostAtFarEnd) {
        public double lostAtFarEndPercent() {
            return packetsExpectedAtFarEnd == 0 ? 0 : 100.0 * packetsLostAtFarEnd / packetsExpectedAtFarEnd;
        }
    }

    /** The harness's audio clock: its ticks (10 ms frames on libwebrtc, 20 ms packets on the packet engine), those more than 20 ms late, the worst lateness. */
    public record Clock(long ticks, long lateTicks, long worstLateMillis, int workers) {
        public double latePercent() {
            return ticks == 0 ? 0 : 100.0 * lateTicks / ticks;
        }
    }

    /** A clock late on more ticks than this has skewed the timing of what it spoke. */
    public static final double MAX_LATE_TICK_PERCENT = 1.0;

    private long packetsRejected;
    private long packetsDroppedByNetwork;
    private long sentPackets;
    private long sentDroppedByNetwork;
    private long sentCallsReported;
    private long turnsStaged;
    private long turnsNotStaged;
    private long sentExpectedAtFarEnd;
    private long sentLostAtFarEnd;
    private long socketBufferDrops = -1;
    private long callsPlaced;
    private long callsCompleted;
    private long packetsReceived;
    private long packetsLost;
    private long samplesReceived;
    private long samplesConcealed;
    private double worstJitterMillis;
    private double slowestPlayoutPercent = Double.NaN;
    private double playoutPercentSum;
    private Clock clock;
    private long clockFromEpochMillis = -1;
    private final java.util.List<long[]> clockBySecond = new java.util.ArrayList<>();
    private final java.util.Map<String, Long> failures = new java.util.TreeMap<>();

    public synchronized void callPlaced() {
        callsPlaced++;
    }

    /** A call that went to its end; its audio counts. */
    public synchronized void callCompleted(CallReport.AudioStats audio) {
        callsCompleted++;
        double playoutPercent = audio.playoutPercent();
        slowestPlayoutPercent = Double.isNaN(slowestPlayoutPercent) ? playoutPercent : Math.min(slowestPlayoutPercent, playoutPercent);
        playoutPercentSum += playoutPercent;
        packetsReceived += audio.packetsReceived();
        packetsLost += audio.packetsLost();
        samplesReceived += audio.totalSamplesReceived();
        samplesConcealed += audio.concealedSamples();
        worstJitterMillis = Math.max(worstJitterMillis, audio.jitterMillis());
        packetsRejected += audio.packetsRejected();
        packetsDroppedByNetwork += audio.packetsDroppedByNetwork();
    }

    /** What a call that went to its end sent, and what the far end reported of it. */
    public synchronized void callSent(CallReport.SentAudio sent) {
        sentPackets += sent.packetsSent();
        sentDroppedByNetwork += sent.packetsDroppedByNetwork();
        if (sent.farEndReports() > 0) {
            sentCallsReported++;
            sentExpectedAtFarEnd += sent.packetsExpectedAtFarEnd();
            sentLostAtFarEnd += sent.packetsLostAtFarEnd();
        }
    }

    public synchronized Sent sent() {
        return new Sent(sentPackets, sentDroppedByNetwork, sentCallsReported, sentExpectedAtFarEnd, sentLostAtFarEnd);
    }

    /** An answered turn: split into the agent's stages ({@code lk.agent.state} seen), or not. */
    public synchronized void turnStaged(boolean staged) {
        if (staged) {
            turnsStaged++;
        } else {
            turnsNotStaged++;
        }
    }

    /** Answered turns split by the agent's states, and those it published no states for. */
    public record AgentStages(long turnsStaged, long turnsNotStaged) {
        /** True when no answered turn could be split: the agent publishes no {@code lk.agent.state}, and voice to voice stands alone. */
        public boolean agentPublishesNoState() {
            return turnsStaged == 0 && turnsNotStaged > 0;
        }

        /** What they say, for the console and the sign-off; null when no turn was answered. */
        public String sentence() {
            if (agentPublishesNoState()) {
                return "the agent published no lk.agent.state: turns are not split into end of turn, thinking and output;"
                        + " voice to voice stands alone";
            }
            return turnsStaged == 0 ? null : String.format("%d answered turns split by the agent's lk.agent.state into end of"
                    + " turn, thinking and output (agentEndOfTurn, agentThinking, agentOutput), %d not", turnsStaged, turnsNotStaged);
        }
    }

    public synchronized AgentStages agentStages() {
        return new AgentStages(turnsStaged, turnsNotStaged);
    }

    /**
     * What a run's calls saw of the agent pool's faults: calls whose agent left mid-conversation, those of them that
     * still went to their end (survived), the agents that left and were replaced or not, and calls with two agents
     * in their room at once (a job given to two workers).
     */
    public record AgentFaults(long callsAgentLeft, long callsSurvived, long agentsReplaced, long agentsNotReplaced,
                              long callsWithTwoAgents) {
        public boolean any() {
            return callsAgentLeft > 0 || callsWithTwoAgents > 0;
        }

        /**
         * The faults no threshold may pass over, one line each (a call whose agent was lost; a job given to two workers):
         * each vetoes a GO, by name. Empty when the calls met none.
         */
        public java.util.List<String> vetoes() {
            java.util.List<String> vetoes = new java.util.ArrayList<>();
            if (agentsNotReplaced > 0) {
                vetoes.add(String.format("%d time(s) a call's agent left mid-call and no other took over (AGENT_LOST)",
                        agentsNotReplaced));
            }
            if (callsWithTwoAgents > 0) {
                vetoes.add(String.format("%d call(s) had two agents in their room at once (TWO_AGENTS: one job given to two workers)",
                        callsWithTwoAgents));
            }
            return vetoes;
        }

        /** The sum of two injectors' (or runs') faults. */
        public AgentFaults plus(AgentFaults other) {
            return new AgentFaults(callsAgentLeft + other.callsAgentLeft, callsSurvived + other.callsSurvived,
                    agentsReplaced + other.agentsReplaced, agentsNotReplaced + other.agentsNotReplaced,
                    callsWithTwoAgents + other.callsWithTwoAgents);
        }
    }

    private long callsAgentLeft;
    private long callsSurvivedAgentLeft;
    private long agentsReplaced;
    private long agentsNotReplaced;
    private long callsWithTwoAgents;

    /** The agents one call saw, and whether it went to its end. */
    public synchronized void agents(CallReport.Agents agents, boolean wentToItsEnd) {
        if (!agents.recoveries().isEmpty()) {
            callsAgentLeft++;
            callsSurvivedAgentLeft += wentToItsEnd ? 1 : 0;
        }
        for (CallReport.AgentRecovery recovery : agents.recoveries()) {
            if (recovery.recovered()) {
                agentsReplaced++;
            } else {
                agentsNotReplaced++;
            }
        }
        callsWithTwoAgents += agents.mostAtOnce() > 1 ? 1 : 0;
    }

    public synchronized AgentFaults agentFaults() {
        return new AgentFaults(callsAgentLeft, callsSurvivedAgentLeft, agentsReplaced, agentsNotReplaced, callsWithTwoAgents);
    }

    /** A call that failed, by its reason (the first 200 characters: reasons repeat, and are counted). */
    public synchronized void failure(String reason) {
        String key = reason == null ? "unknown" : reason.length() > 200 ? reason.substring(0, 200) : reason;
        failures.merge(key, 1L, Long::sum);
    }

    public synchronized java.util.Map<String, Long> failures() {
        return new java.util.TreeMap<>(failures);
    }

    /** Seconds of the clock's timeline count from here (the run's start). */
    public synchronized void clockFrom(long epochMillis) {
        clockFromEpochMillis = epochMillis;
    }

    /** A worker's clock report at this moment: ticks made since its last report, and how many were late. */
    public synchronized void clockTicked(long epochMillis, long ticks, long lateTicks) {
        if (clockFromEpochMillis < 0 || epochMillis < clockFromEpochMillis) {
            return;
        }
        int second = (int) ((epochMillis - clockFromEpochMillis) / 1000);
        while (clockBySecond.size() <= second) {
            clockBySecond.add(new long[2]);
        }
        clockBySecond.get(second)[0] += ticks;
        clockBySecond.get(second)[1] += lateTicks;
    }

    /** Ticks and late ticks reported in each second since the run started. */
    public synchronized long[][] clockBySecond() {
        return clockBySecond.stream().map(long[]::clone).toArray(long[][]::new);
    }

    public synchronized void clock(Clock measured) {
        clock = measured;
    }

    /** UDP datagrams this machine dropped for full socket buffers during the run; -1 when it cannot tell. */
    public synchronized void socketBufferDrops(long datagrams) {
        socketBufferDrops = datagrams;
    }

    public synchronized long socketBufferDrops() {
        return socketBufferDrops;
    }

    public synchronized long callsPlaced() {
        return callsPlaced;
    }

    public synchronized long callsCompleted() {
        return callsCompleted;
    }

    public synchronized Audio audio() {
        return new Audio(packetsReceived, packetsLost, samplesReceived, samplesConcealed, worstJitterMillis,
                callsCompleted == 0 ? 0 : slowestPlayoutPercent, callsCompleted == 0 ? 0 : playoutPercentSum / callsCompleted,
                packetsRejected, packetsDroppedByNetwork);
    }

    /** The clock as the run's end read it; null when no media was placed. */
    public synchronized Clock clock() {
        return clock;
    }

    /**
     * Playout slower than this (mean over calls, percent of real time) means the receive side fell
     * behind: the agent's audio was heard later than it came. Measured at 99.7-99.8% when the injector keeps up.
     */
    public static final double MIN_PLAYOUT_PERCENT = 95.0;

    /** Why the media figures cannot be trusted (the clock fell behind, the receive side did or rejected packets), or null. */
    public synchronized String troubleReason() {
        if (socketBufferDrops > 0) {
            return String.format("this machine dropped %d UDP datagrams for full socket buffers during the run (/proc/net/snmp),"
                    + " so audio the harness sent or should have heard may have been lost here", socketBufferDrops);
        }
        if (packetsRejected > 0) {
            return String.format("the harness's receive side could not authenticate %d of the %d packets it received (SRTP),"
                    + " so what it heard is incomplete", packetsRejected, packetsReceived + packetsRejected);
        }
        if (callsCompleted > 0 && playoutPercentSum / callsCompleted < MIN_PLAYOUT_PERCENT) {
            return String.format("the harness's receive side fell behind: the agent's audio played out at %.1f%% of real time"
                    + " on average (at least %.0f%% when it keeps up), so replies were heard late", playoutPercentSum / callsCompleted,
                    MIN_PLAYOUT_PERCENT);
        }
        if (clock == null || clock.latePercent() <= MAX_LATE_TICK_PERCENT) {
            return null;
        }
        return String.format("the harness's audio clock fell behind: %.1f%% of its ticks came more than 20 ms late"
                + " (worst %d ms, %d media worker(s)), so speech was not spoken on time", clock.latePercent(),
                clock.worstLateMillis(), clock.workers());
    }
}
