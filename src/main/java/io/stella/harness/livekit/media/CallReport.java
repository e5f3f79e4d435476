package io.stella.harness.livekit.media;

import java.util.List;

/**
 * What one call measured, from the caller's side. Durations in milliseconds; a null figure was not
 * reached. {@code failure} is null for a call that went to its end, else MEDIA_FAILED (no media
 * connection, or it broke), NO_REPLY (no agent ever came into the room: the caller was left in
 * silence) or AGENT_LOST (its agent left and none took over), with {@code failureReason} saying what happened.
 */
public record CallReport(Long joinMillis, Long mediaSetupMillis, Long greetingMillis, List<Turn> turns,
                         AudioStats audio, SentAudio sent, String failure, String failureReason, Agents agents) {

    public static final String MEDIA_FAILED = "MEDIA_FAILED";
    public static final String NO_REPLY = "NO_REPLY";
    /** The agent left mid-call and no other came to take over in time. */
    public static final String AGENT_LOST = "AGENT_LOST";

    /**
     * The agents the caller saw in its room: how many came in all ({@code seen}), the most at once (two: a job given
     * to two workers), and each time its agent left mid-conversation, what followed.
     */
    public record Agents(int seen, int mostAtOnce, List<AgentRecovery> recoveries) {
        public static final Agents NONE = new Agents(0, 0, List.of());

        public Agents {
            recoveries = List.copyOf(recoveries);
        }
    }

    /**
     * The agent left the room mid-conversation at {@code leftEpochMillis} (as the caller's signaling told it), and a
     * new agent's first audio was heard {@code recoveredAfterMillis} later (where the caller waits for no greeting:
     * the new agent seen in the room), or none came in the {@code waitedMillis} the caller waited (null; for an agent
     * that came, the same as {@code recoveredAfterMillis}).
     */
    public record AgentRecovery(long leftEpochMillis, Long recoveredAfterMillis, long waitedMillis) {
        public boolean recovered() {
            return recoveredAfterMillis != null;
        }
    }

    /**
     * One turn: when the caller's prompt ended (epoch millis), how long until the agent's reply was
     * heard ({@code voiceToVoiceMillis}, null when it never came: NO_REPLY), and how long the reply ran.
     * The two ends of voice to voice are kept on the machine's monotonic clock too ({@code System.nanoTime},
     * one clock for every process of a Linux machine), so that the legs between them can be stamped by
     * an agent on the same machine: {@code promptEndedNanos} (the prompt's last packet sent, or last frame
     * handed to libwebrtc) and {@code replyHeardNanos} (the reply's first loud packet received, or first
     * loud frame played out; null with no reply). {@code stages}: the same turn split by the agent's own
     * states, null when it published none in the turn. {@code bargeIn}: this turn's prompt spoken over the agent's
     * reply to the turn before (null: it waited for the agent to finish); a reply the next turn spoke over has no
     * {@code replyMillis} (it was not left to end). {@code backchannel}: what the caller said short during this
     * turn's reply (null: nothing). {@code talkOver}: the agent heard while the prompt was spoken.
     */
    public record Turn(int index, long promptEndedEpochMillis, Long voiceToVoiceMillis, Long replyMillis,
                       long promptEndedNanos, Long replyHeardNanos, Stages stages, SpokenOver bargeIn, SpokenOver backchannel,
                       TalkOver talkOver) {
        public boolean answered() {
            return voiceToVoiceMillis != null;
        }
    }

    /**
     * The caller spoke over the agent's reply: a turn's prompt (barge-in) or a backchannel. Its first packet (frame)
     * went out at {@code startedNanos} ({@code startedEpochMillis}), {@code intoReplyMillis} after the reply was first
     * heard; the reply went silent at {@code silentNanos} (its last audible frame or packet arrived, and had played),
     * {@code silentAfterMillis} after the caller began, or both are null: the agent was still talking when the caller
     * stopped listening for its end. After a barge-in the agent should be silent within {@code limitMillis}; after a
     * backchannel it should not (a false interruption).
     */
    public record SpokenOver(long startedEpochMillis, long startedNanos, long intoReplyMillis, Long silentAfterMillis,
                             long limitMillis, Long silentNanos) {
        public boolean silentWithinLimit() {
            return silentAfterMillis != null && silentAfterMillis <= limitMillis;
        }
    }

    /**
     * The agent's speech heard while the caller spoke its prompt (not the reply the caller spoke over): how many times
     * it started ({@code agentStarts}: premature replies) and for how long it talked over the caller.
     */
    public record TalkOver(int agentStarts, long millis) {
        public static final TalkOver NONE = new TalkOver(0, 0);
    }

    /**
     * A turn split by the states the agent published ({@code lk.agent.state}) as the caller saw them arrive:
     * end of turn (the prompt's end to "thinking": the agent deciding the caller had finished), thinking
     * ("thinking" to "speaking": its model and speech synthesis) and the agent's output path ("speaking" to
     * the reply heard: its audio on its way, through the media server). The three add up to voice to voice.
     */
    public record Stages(long endOfTurnMillis, long thinkingMillis, long outputMillis) {

        /**
         * Signaling and media travel apart, so "speaking" may reach the caller after the reply's first audio:
         * then thinking ends at that audio and the output path the caller can see is 0, and the three stages
         * still add up to voice to voice (less at most 2 ms of rounding down).
         */
        public static Stages split(long promptEndedNanos, long thinkingNanos, long speakingNanos, long replyHeardNanos) {
            long thinkingEndedNanos = Math.min(speakingNanos, replyHeardNanos);
            return new Stages((thinkingNanos - promptEndedNanos) / 1_000_000,
                    (thinkingEndedNanos - thinkingNanos) / 1_000_000, (replyHeardNanos - thinkingEndedNanos) / 1_000_000);
        }
    }

    /**
     * The inbound audio of the agent's track as WebRTC counted it (inbound-rtp stats), at hang-up, and
     * how fast the headless playout delivered it: {@code playoutPercent} of real time (100 = one
     * second of audio per second; webrtc-java 0.14's device is known to tick slow, issue #243). On the
     * packet engine "playout" is the arrival rate, and {@code packetsRejected} the packets its own
     * receive side could not use (SRTP authentication failed): with any, its figures cannot be trusted;
     * {@code packetsDroppedByNetwork} the agent's packets the profile's network dropped on their way
     * (its loss and a full link queue): what was applied, beside {@code packetsLost}, what was measured.
     */
    public record AudioStats(long packetsReceived, long packetsLost, double jitterMillis, long concealedSamples,
                             long totalSamplesReceived, double playoutPercent, long packetsRejected, long packetsDroppedByNetwork) {
        public static final AudioStats NONE = new AudioStats(0, 0, 0, 0, 0, 0, 0, 0);

        public double lostPercent() {
            long expected = packetsReceived + packetsLost;
            return expected == 0 ? 0 : 100.0 * packetsLost / expected;
        }

        public double concealedPercent() {
            return totalSamplesReceived == 0 ? 0 : 100.0 * concealedSamples / totalSamplesReceived;
        }
    }

    /**
     * The caller's own audio as it went out and as the far end (the SFU, or the stand-in's agent) said
     * it arrived, in its RTCP receiver reports: packets sent, those the profile's network dropped on
     * their way out (what was applied), the reports that spoke of the stream, and from the latest of
     * them the packets the far end expected and those it never got (what was measured; packets sent
     * after that report are not in it). The packet engine fills it; on libwebrtc it is {@link #NONE}.
     */
    public record SentAudio(long packetsSent, long packetsDroppedByNetwork, long farEndReports, long packetsExpectedAtFarEnd,
                            long packetsLostAtFarEnd) {
        public static final SentAudio NONE = new SentAudio(0, 0, 0, 0, 0);

        public double lostAtFarEndPercent() {
            return packetsExpectedAtFarEnd == 0 ? 0 : 100.0 * packetsLostAtFarEnd / packetsExpectedAtFarEnd;
        }
    }

    public CallReport {
        turns = List.copyOf(turns);
        agents = agents == null ? Agents.NONE : agents;
    }

    public boolean failed() {
        return failure != null;
    }
}
