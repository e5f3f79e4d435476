package io.stella.harness.latency;

import io.stella.harness.livekit.media.CallListener;
import io.stella.harness.livekit.media.CallReport;

/**
 * Turns what calls over real media measured into the run's voice metrics, as each figure comes:
 * time to join, media setup, time to greeting, voice to voice and reply length per turn (and, where the
 * agent publishes its state, the turn's three stages; where the caller spoke over the agent, how long it took to
 * stop, or NOT_INTERRUPTED), and the call with its failure kind. A turn the agent left unanswered counts as a NO_REPLY failure of
 * voice to voice, at the reply timeout (the least the caller waited); a call no agent ever came to
 * is a NO_REPLY call. A call on the packet engine times the agent's voice on the wire, one on
 * libwebrtc as heard through its jitter buffer and playout: their media figures go under different
 * names ({@link VoiceMetrics#onEngine}), never into one histogram.
 */
public final class ConversationRecorder {

    private final VoiceMetrics voice;
    private final long replyTimeoutMillis;
    private final double maxLostPercent;
    private final double maxConcealedPercent;
    private final long goodTurnWithinMillis;

    public ConversationRecorder(VoiceMetrics voice, long replyTimeoutMillis, double maxLostPercent, double maxConcealedPercent,
                                long goodTurnWithinMillis) {
        this.voice = voice;
        this.replyTimeoutMillis = replyTimeoutMillis;
        this.maxLostPercent = maxLostPercent;
        this.maxConcealedPercent = maxConcealedPercent;
        this.goodTurnWithinMillis = goodTurnWithinMillis;
    }

    /** A listener for one call placed now on that media engine. */
    public CallListener forCall(String engine) {
        voice.media().callPlaced();
        return new CallRecording(System.currentTimeMillis(), engine);
    }

    /** One call's figures as it goes: join, media set up, greeting, each turn, and how it ended. */
    private final class CallRecording implements CallListener {
        private final long placedEpochMillis;
        private final String mediaSetup;
        private final String timeToGreeting;
        private final String voiceToVoice;
        private final String agentReply;
        private final String agentOutput;
        private final String bargeInStop;
        private final String backchannel;
        private final String talkOver;
        private final String conversation;
        private final String firstSpeech;
        private final String agentRecovery;
        private final GoodConversation good = new GoodConversation(goodTurnWithinMillis);
        private boolean held;

        CallRecording(long placedEpochMillis, String engine) {
            this.placedEpochMillis = placedEpochMillis;
            this.mediaSetup = VoiceMetrics.onEngine(VoiceMetrics.MEDIA_SETUP, engine);
            this.timeToGreeting = VoiceMetrics.onEngine(VoiceMetrics.TIME_TO_GREETING, engine);
            this.voiceToVoice = VoiceMetrics.onEngine(VoiceMetrics.VOICE_TO_VOICE, engine);
            this.agentReply = VoiceMetrics.onEngine(VoiceMetrics.AGENT_REPLY, engine);
            this.agentOutput = VoiceMetrics.onEngine(VoiceMetrics.AGENT_OUTPUT, engine);
            this.bargeInStop = VoiceMetrics.onEngine(VoiceMetrics.BARGE_IN_STOP, engine);
            this.backchannel = VoiceMetrics.onEngine(VoiceMetrics.BACKCHANNEL, engine);
            this.talkOver = VoiceMetrics.onEngine(VoiceMetrics.TALK_OVER, engine);
            this.conversation = VoiceMetrics.onEngine(VoiceMetrics.CONVERSATION, engine);
            this.firstSpeech = VoiceMetrics.onEngine(VoiceMetrics.FIRST_SPEECH, engine);
            this.agentRecovery = VoiceMetrics.onEngine(VoiceMetrics.AGENT_RECOVERY, engine);
        }

        @Override
        public void joined(long connectEpochMillis, long joinMillis) {
            voice.record(VoiceMetrics.TIME_TO_JOIN, connectEpochMillis, joinMillis);
        }

        @Override
        public void mediaUp(long connectEpochMillis, long mediaSetupMillis) {
            voice.record(mediaSetup, connectEpochMillis, mediaSetupMillis);
            voice.sessionHeld();
            held = true;
        }

        @Override
        public void greeted(long joinedEpochMillis, Long greetingMillis) {
            if (greetingMillis == null) {
                voice.recordFailure(timeToGreeting, joinedEpochMillis, replyTimeoutMillis, ErrorKind.NO_REPLY);
                voice.recordFailure(firstSpeech, placedEpochMillis, System.currentTimeMillis() - placedEpochMillis, ErrorKind.NO_REPLY);
            } else {
                voice.record(timeToGreeting, joinedEpochMillis, greetingMillis);
                voice.record(firstSpeech, placedEpochMillis, joinedEpochMillis + greetingMillis - placedEpochMillis);
            }
        }

        @Override
        public void turn(CallReport.Turn turn) {
            turnTaking(turn);
            good.turn(turn);
            if (!turn.answered()) {
                voice.recordFailure(voiceToVoice, turn.promptEndedEpochMillis(), replyTimeoutMillis,
                        ErrorKind.NO_REPLY);
                return;
            }
            voice.record(voiceToVoice, turn.promptEndedEpochMillis(), turn.voiceToVoiceMillis());
            if (turn.replyMillis() != null) {
                voice.record(agentReply, turn.promptEndedEpochMillis(), turn.replyMillis());
            }
            CallReport.Stages stages = turn.stages();
            voice.media().turnStaged(stages != null);
            if (stages != null) {
                voice.record(VoiceMetrics.AGENT_END_OF_TURN, turn.promptEndedEpochMillis(), stages.endOfTurnMillis());
                voice.record(VoiceMetrics.AGENT_THINKING, turn.promptEndedEpochMillis(), stages.thinkingMillis());
                voice.record(agentOutput, turn.promptEndedEpochMillis(), stages.outputMillis());
            }
        }

        /**
         * How the turn went beside its answer: the barge-in that opened it (silent within the limit, or
         * NOT_INTERRUPTED), a backchannel during its reply (silent within the limit: FALSE_INTERRUPTION; a reply
         * still going when the caller stopped listening counts at the limit), and the agent over its prompt.
         */
        private void turnTaking(CallReport.Turn turn) {
            CallReport.SpokenOver bargeIn = turn.bargeIn();
            if (bargeIn != null) {
                voice.recordFailure(bargeInStop, bargeIn.startedEpochMillis(), silentAfterOrLimit(bargeIn),
                        bargeIn.silentWithinLimit() ? null : ErrorKind.NOT_INTERRUPTED);
            }
            CallReport.SpokenOver backchanneled = turn.backchannel();
            if (backchanneled != null) {
                voice.recordFailure(backchannel, backchanneled.startedEpochMillis(), silentAfterOrLimit(backchanneled),
                        backchanneled.silentWithinLimit() ? ErrorKind.FALSE_INTERRUPTION : null);
            }
            if (turn.talkOver() != null) {
                voice.recordFailure(talkOver, turn.promptEndedEpochMillis(), turn.talkOver().millis(),
                        turn.talkOver().agentStarts() > 0 ? ErrorKind.PREMATURE_REPLY : null);
            }
        }

        private static long silentAfterOrLimit(CallReport.SpokenOver spokenOver) {
            return spokenOver.silentAfterMillis() != null ? spokenOver.silentAfterMillis() : spokenOver.limitMillis();
        }

        @Override
        public void ended(CallReport report) {
            if (held) {
                voice.sessionReleased();
            }
            long lengthMillis = System.currentTimeMillis() - placedEpochMillis;
            ErrorKind callFailure = callFailure(report);
            voice.recordFailure(VoiceMetrics.CALL, placedEpochMillis, lengthMillis, callFailure);
            agentFaults(report);
            good.agents(report.agents());
            voice.recordFailure(conversation, placedEpochMillis, good.slowestTurnMillis(), good.notGoodBecause(callFailure));
        }

        /** Each time the agent left mid-call, how long until a new one was heard (AGENT_LOST: none was); and the agents seen. */
        private void agentFaults(CallReport report) {
            for (CallReport.AgentRecovery recovery : report.agents().recoveries()) {
                voice.recordFailure(agentRecovery, recovery.leftEpochMillis(),
                        recovery.recovered() ? recovery.recoveredAfterMillis() : recovery.waitedMillis(),
                        recovery.recovered() ? null : ErrorKind.AGENT_LOST);
            }
            voice.media().agents(report.agents(), !report.failed());
        }

        /** The call's failure: it broke or was never answered, or went to its end with audio lost; null: none. */
        private ErrorKind callFailure(CallReport report) {
            if (report.failed()) {
                voice.media().failure(report.failureReason());
                return CallReport.NO_REPLY.equals(report.failure()) ? ErrorKind.NO_REPLY
                        : CallReport.AGENT_LOST.equals(report.failure()) ? ErrorKind.AGENT_LOST : ErrorKind.MEDIA_FAILED;
            }
            CallReport.AudioStats audio = report.audio();
            voice.media().callCompleted(audio);
            if (report.sent() != null) {
                voice.media().callSent(report.sent());
            }
            // A call that went to its end with no agent packet counted heard nothing: that is no clean audio.
            boolean lost = audio.packetsReceived() == 0 || audio.lostPercent() > maxLostPercent
                    || audio.concealedPercent() > maxConcealedPercent;
            return lost ? ErrorKind.AUDIO_LOST : null;
        }
    }
}
