package io.stella.harness.livekit.media;

import com.google.protobuf.InvalidProtocolBufferException;
import io.stella.harness.livekit.SignalFrames;
import livekit.LivekitModels;
import livekit.LivekitRtc;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One caller in a LiveKit room with real media, from join to hang-up, speaking LiveKit's signaling
 * as the official SDKs do: JoinResponse; the server's subscriber offer answered;
 * {@code AddTrackRequest} (cid = the local track id, source MICROPHONE) answered by
 * {@code TrackPublishedResponse}; the publisher offer answered; trickle ICE both ways; leave. It
 * speaks the conversation's prompts and listens to the agent through its {@link CallMedia}, on
 * whichever engine made it. {@link #run()} blocks for the whole call.
 */
public final class MediaCall {

    private static final long JOIN_TIMEOUT_MILLIS = 10_000;
    /** A clip handed to the mouth starts at its next tick: 10 or 20 ms, more on a busy machine. */
    private static final long SPEAKING_STARTS_WITHIN_MILLIS = 200;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    /** Keeps every call's signaling alive: LiveKit drops a client that stops pinging (and so do proxies' idle timeouts). */
    private static final ScheduledExecutorService PINGS = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "media-call-pings");
        thread.setDaemon(true);
        return thread;
    });

    private final String livekitUrl;
    private final String participantToken;
    private final Conversation conversation;
    private final CallMedia media;
    private final CallListener listener;

    private final CompletableFuture<LivekitRtc.JoinResponse> joinResponse = new CompletableFuture<>();
    private final CompletableFuture<Void> trackPublished = new CompletableFuture<>();
    private final CompletableFuture<String> broken = new CompletableFuture<>();
    private final BlockingQueue<VoiceActivity.Change> heard = new LinkedBlockingQueue<>();
    private final AgentStateLog agentStates = new AgentStateLog();
    private final AgentPresence agents = new AgentPresence();
    /** While the caller talks with the agent, an agent leaving breaks off the turn (the call thread sets it). */
    private volatile boolean watchingAgentLeave;
    private int agentLeavesHandled; // the call's thread only

    private WebSocket socket;
    private CompletableFuture<WebSocket> sending;
    /** An agent participant was in the room at some point: without one, silence is no media failure but an unanswered call. */
    private volatile boolean agentSeen;
    private ScheduledFuture<?> pinging;
    // How far the subscriber side got, for a call whose agent audio never came.
    private volatile boolean subscriberOffered;
    private final List<LivekitRtc.SignalResponse> heldForMedia = new ArrayList<>();
    private boolean mediaStarted; // guarded by heldForMedia

    public MediaCall(String livekitUrl, String participantToken, Conversation conversation, CallMedia.Engine engine,
                     CallListener listener) {
        this.livekitUrl = livekitUrl;
        this.participantToken = participantToken;
        this.conversation = conversation;
        this.listener = listener;
        this.media = engine.newCall(conversation, new CallMedia.Signals() {
            @Override
            public void send(LivekitRtc.SignalRequest request) {
                MediaCall.this.send(request);
            }

            @Override
            public void broken(String reason) {
                breaks(reason);
            }

            @Override
            public void heard(VoiceActivity.Change change) {
                heard.add(change);
            }
        });
    }

    /** What the call has measured so far: a call that breaks off reports what it got to. */
    private static final class Progress {
        long connectEpochMillis;
        Long joinMillis;
        Long mediaSetupMillis;
        Long greetingMillis;
        final List<CallReport.Turn> turns = new ArrayList<>();
        final List<CallReport.AgentRecovery> recoveries = new ArrayList<>();
        String failureReason;
        boolean unanswered;
        boolean agentLost;
    }

    /** The whole call; never throws for anything the target or the network does: that is in the report. */
    public CallReport run() {
        Progress progress = new Progress();
        try {
            long connectNanos = System.nanoTime();
            long joinedNanos = join(progress, connectNanos);
            setUpMedia(progress, connectNanos, joinedNanos);
            watchingAgentLeave = true;
            awaitGreeting(progress, joinedNanos);
            talk(progress);
        } catch (Unanswered e) {
            progress.failureReason = e.getMessage();
            progress.unanswered = true;
        } catch (AgentLost e) {
            progress.failureReason = e.getMessage();
            progress.recoveries.add(e.recovery());
            progress.agentLost = true;
        } catch (CallBroken e) {
            progress.failureReason = e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            progress.failureReason = "the call was interrupted";
        } catch (RuntimeException | Error e) {
            // libwebrtc's wrappers throw Errors too; one call's fault must not end the worker's other calls
            progress.failureReason = "media failed: " + e;
        }
        return end(progress);
    }

    /** Signaling up and joined; pings from now on. Returns when the join was answered. */
    private long join(Progress progress, long connectNanos) throws CallBroken, InterruptedException {
        progress.connectEpochMillis = System.currentTimeMillis();
        connect();
        LivekitRtc.JoinResponse join = await(joinResponse, JOIN_TIMEOUT_MILLIS, "no JoinResponse from " + livekitUrl + "/rtc");
        long joinedNanos = System.nanoTime();
        int pingSec = join.getPingInterval() > 0 ? join.getPingInterval() : 5;
        pinging = PINGS.scheduleAtFixedRate(() -> send(SignalFrames.pingRequest(System.currentTimeMillis())),
                pingSec, pingSec, TimeUnit.SECONDS);
        progress.joinMillis = millisBetween(connectNanos, joinedNanos);
        listener.joined(progress.connectEpochMillis, progress.joinMillis);
        media.start(join.getIceServersList());
        return joinedNanos;
    }

    /** Both connections up, the caller's voice published, the agent's first audio heard. */
    private void setUpMedia(Progress progress, long connectNanos, long joinedNanos) throws CallBroken, InterruptedException {
        mediaStarted();
        await(CompletableFuture.allOf(trackPublished, media.publisherUp()), conversation.mediaTimeoutMillis(),
                "the publisher connection was not up");
        media.startSpeaking();
        long firstAudio = awaitAnAgent(joinedNanos);
        progress.mediaSetupMillis = millisBetween(connectNanos, firstAudio);
        listener.mediaUp(progress.connectEpochMillis, progress.mediaSetupMillis);
    }

    /**
     * The agent's greeting, heard out. An agent that leaves before it has greeted (it crashed while the call was set
     * up) is waited for as in a turn: the new agent's greeting is then the greeting.
     */
    private void awaitGreeting(Progress progress, long joinedNanos) throws CallBroken, InterruptedException {
        if (!conversation.awaitGreeting()) {
            return;
        }
        boolean greeted = false;
        try {
            VoiceActivity.Started greeting = nextStart(Long.MIN_VALUE, conversation.replyTimeoutMillis());
            greeted(progress, joinedNanos, greeting == null ? null : greeting.atNanos());
            greeted = true;
            if (greeting != null) {
                nextEnd(conversation.replyTimeoutMillis() * 4);
            }
        } catch (AgentLeft left) {
            CallReport.AgentRecovery recovery = awaitNewAgent(left.leftNanos());
            progress.recoveries.add(recovery);
            if (!greeted) {
                greeted(progress, joinedNanos, left.leftNanos() + recovery.recoveredAfterMillis() * 1_000_000);
            }
        }
    }

    private void greeted(Progress progress, long joinedNanos, Long heardNanos) {
        progress.greetingMillis = heardNanos == null ? null : Math.max(0, millisBetween(joinedNanos, heardNanos));
        listener.greeted(epochMillisOf(joinedNanos), progress.greetingMillis);
    }

    /**
     * The conversation, turn by turn. When the agent leaves mid-turn (it crashed), the turn breaks off, the caller
     * waits for a new agent, and says the turn again to it, as a person would.
     */
    private void talk(Progress progress) throws CallBroken, InterruptedException {
        VoiceActivity.Started replyGoingOn = null; // the reply to the turn before, left going for this turn to speak over
        int index = 0;
        while (index < conversation.turns()) {
            try {
                Prompted prompted = replyGoingOn == null ? prompt(index) : promptOver(index, replyGoingOn);
                boolean nextSpeaksOver = index + 1 < conversation.turns() && conversation.bargeIn().over(index + 1);
                Answered answered = reply(index, prompted, nextSpeaksOver);
                progress.turns.add(answered.turn());
                listener.turn(answered.turn());
                replyGoingOn = answered.replyGoingOn();
                index++; // said and answered: an agent leaving in the pause after it breaks off the next turn, not this one
                if (index < conversation.turns() && replyGoingOn == null) {
                    sleepOrBreak(conversation.pauseMillis());
                }
            } catch (AgentLeft left) {
                progress.recoveries.add(awaitNewAgent(left.leftNanos()));
                replyGoingOn = null;
            }
        }
        watchingAgentLeave = false;
    }

    /**
     * The agent left at {@code leftNanos}: a new one must come into the room within the media timeout, and (where the
     * caller waits for greetings) be heard within the reply timeout; its greeting is heard out. Else the call ends,
     * AGENT_LOST.
     */
    private CallReport.AgentRecovery awaitNewAgent(long leftNanos) throws CallBroken, InterruptedException {
        watchingAgentLeave = false;
        agentLeavesHandled = agents.leaves();
        Long joinedNanos = agents.joinedAfter(leftNanos);
        while (joinedNanos == null && millisBetween(leftNanos, System.nanoTime()) < conversation.mediaTimeoutMillis()) {
            sleepOrBreak(10);
            joinedNanos = agents.joinedAfter(leftNanos);
        }
        Long heardNanos = joinedNanos == null || !conversation.awaitGreeting() ? null : newAgentHeardNanos(leftNanos);
        Long recoveredNanos = conversation.awaitGreeting() ? heardNanos : joinedNanos;
        if (recoveredNanos == null) {
            throw new AgentLost(joinedNanos == null
                    ? "its agent left mid-call and no other came into the room within " + conversation.mediaTimeoutMillis() + " ms"
                    : "its agent left mid-call and the new one was not heard within " + conversation.replyTimeoutMillis() + " ms",
                    new CallReport.AgentRecovery(epochMillisOf(leftNanos), null, millisBetween(leftNanos, System.nanoTime())));
        }
        if (heardNanos != null) {
            nextEnd(conversation.replyTimeoutMillis() * 4);
        }
        watchingAgentLeave = true;
        return new CallReport.AgentRecovery(epochMillisOf(leftNanos), millisBetween(leftNanos, recoveredNanos),
                millisBetween(leftNanos, recoveredNanos));
    }

    /** Hangs up and reports: what the agent's audio carried so far, also for a call that broke off. */
    private CallReport end(Progress progress) {
        CallReport.AudioStats audio = media.audioStats();
        CallReport.SentAudio sent = media.sentAudio();
        String failureReason = progress.failureReason;
        try {
            hangUp();
        } catch (RuntimeException | Error e) {
            failureReason = failureReason != null ? failureReason : "the hang-up failed: " + e;
        }
        failureReason = failureReason == null ? null : Redaction.tokensOut(failureReason);
        String failure = failureReason == null ? null : progress.unanswered ? CallReport.NO_REPLY
                : progress.agentLost ? CallReport.AGENT_LOST : CallReport.MEDIA_FAILED;
        CallReport report = new CallReport(progress.joinMillis, progress.mediaSetupMillis, progress.greetingMillis, progress.turns,
                audio, sent, failure, failureReason, new CallReport.Agents(agents.seen(), agents.mostAtOnce(), progress.recoveries));
        listener.ended(report);
        return report;
    }

    /**
     * The moment the agent's first audio came. When it does not come in time and no agent ever entered
     * the room, the caller was left in silence: an unanswered call (a greeting it waited for is a
     * NO_REPLY too), not a media failure.
     */
    private long awaitAnAgent(long joinedNanos) throws CallBroken, InterruptedException {
        try {
            return await(media.firstAudioNanos(), conversation.mediaTimeoutMillis(), "no audio from the agent's track",
                    () -> " (" + (!subscriberOffered ? "the server never offered the subscriber connection"
                            : media.subscriberProgress()) + ")");
        } catch (CallBroken e) {
            if (agentSeen) {
                throw e;
            }
            if (conversation.awaitGreeting()) {
                listener.greeted(epochMillisOf(joinedNanos), null);
            }
            throw new Unanswered("no agent came into the room within " + conversation.mediaTimeoutMillis() + " ms");
        }
    }

    /**
     * The new agent's first audible frame (packet): its speech heard starting after the old agent left; or, where the
     * new voice came before the old one had been quiet long enough to end ({@code replyEndSilenceMillis}) and so ran
     * on from it, its first loud frame after the quiet of the crash. Null when none was heard within the reply timeout.
     */
    private Long newAgentHeardNanos(long leftNanos) throws InterruptedException, CallBroken {
        long deadline = System.nanoTime() + conversation.replyTimeoutMillis() * 1_000_000;
        while (System.nanoTime() - deadline < 0) {
            VoiceActivity.Started started = nextStart(leftNanos, 10);
            if (started != null) {
                return started.atNanos();
            }
            long resumedNanos = media.agentResumedNanos();
            if (media.agentSpeaking() && resumedNanos - leftNanos > 0) {
                VoiceActivity.Started justHeard = nextStart(leftNanos, 30); // its start may be on its way from the ear
                return justHeard != null ? justHeard.atNanos() : resumedNanos;
            }
        }
        return null;
    }

    /** A prompt as it was spoken, and the reply it interrupted (null: it waited for the agent to finish). */
    private record Prompted(Mouth.Spoken spoken, CallReport.SpokenOver bargeIn) {
    }

    /** A turn heard out, and the reply left going when the next turn is to speak over it (else null). */
    private record Answered(CallReport.Turn turn, VoiceActivity.Started replyGoingOn) {
    }

    /** A reply heard to its end (null: it did not end in time), and the backchannel said during it (null: none). */
    private record HeardOut(VoiceActivity.Ended end, CallReport.SpokenOver backchannel) {
    }

    /** The turn's prompt, once the agent is quiet. */
    private Prompted prompt(int index) throws InterruptedException, CallBroken {
        awaitQuiet(conversation.replyTimeoutMillis() * 4);
        heard.clear();
        return new Prompted(await(media.say(conversation.prompt(index)), sayTimeoutMillis(conversation.prompt(index)),
                "the prompt was not spoken (the audio pacer stalled)"), null);
    }

    /**
     * The turn's prompt spoken over the reply still going, {@code bargeIn.afterMillis} after it was first heard,
     * and the moment the agent went silent. The reply's end is the next change heard (its start was the last),
     * waited for as long as the agent may take to stop and the caller's ear to be sure it did.
     */
    private Prompted promptOver(int index, VoiceActivity.Started reply) throws InterruptedException, CallBroken {
        BargeIn bargeIn = conversation.bargeIn();
        SpeakingOver over = speakOver(reply, bargeIn.afterMillis(), conversation.prompt(index), bargeIn.stopWithinMillis(),
                bargeIn.stopWithinMillis() + conversation.replyEndSilenceMillis() + SPEAKING_STARTS_WITHIN_MILLIS);
        return new Prompted(over.spoken(), over.spokenOver());
    }

    /** A clip said over the reply, and what the reply did: its end (null: not heard in the wait) and how soon after. */
    private record SpeakingOver(Mouth.Spoken spoken, VoiceActivity.Ended replyEnd, CallReport.SpokenOver spokenOver) {
    }

    /**
     * Says {@code clip} {@code afterMillis} into the reply, then waits up to {@code waitMillis} for the reply's end.
     * The reply went silent at the end of its last audible frame (packet): when it arrived, and as long as it plays.
     * A reply already silent when the clip began was not spoken over ({@code spokenOver} null).
     */
    private SpeakingOver speakOver(VoiceActivity.Started reply, long afterMillis, SpeechClip clip, long limitMillis,
                                   long waitMillis) throws InterruptedException, CallBroken {
        sleepOrBreak(millisBetween(System.nanoTime(), reply.atNanos() + afterMillis * 1_000_000L));
        long intoReplyMillis = millisBetween(reply.atNanos(), System.nanoTime());
        CompletableFuture<Mouth.Spoken> saying = media.say(clip);
        VoiceActivity.Ended replyEnd = nextEnd(waitMillis);
        Mouth.Spoken spoken = await(saying, sayTimeoutMillis(clip), "the caller's words were not spoken (the audio pacer stalled)");
        if (replyEnd != null && replyEnd.endedNanos() - spoken.startedNanos() <= 0) {
            return new SpeakingOver(spoken, replyEnd, null);
        }
        Long silentNanos = replyEnd == null ? null : replyEnd.endedNanos();
        return new SpeakingOver(spoken, replyEnd, new CallReport.SpokenOver(epochMillisOf(spoken.startedNanos()),
                spoken.startedNanos(), intoReplyMillis, silentNanos == null ? null : millisBetween(spoken.startedNanos(), silentNanos),
                limitMillis, silentNanos));
    }

    private static long sayTimeoutMillis(SpeechClip clip) {
        return clip.durationMillis() + 5_000;
    }

    /**
     * The agent's reply to the prompt: it must start within the timeout after the prompt's end. Left going, unheard
     * to its end, when the next turn is to speak over it. Agent speech that began while the prompt was spoken is
     * no reply to it but talk over the caller (the reply it interrupted apart: its start was heard before).
     */
    private Answered reply(int index, Prompted prompted, boolean leaveGoing) throws InterruptedException, CallBroken {
        Mouth.Spoken spoken = prompted.spoken();
        long promptEndedEpochMillis = epochMillisOf(spoken.endedNanos());
        long waitMillis = conversation.replyTimeoutMillis() - millisBetween(spoken.endedNanos(), System.nanoTime());
        TalkOverTally talkOver = new TalkOverTally(spoken);
        VoiceActivity.Started reply = next(VoiceActivity.Started.class, started -> started.atNanos() - spoken.endedNanos() >= 0,
                Math.max(0, waitMillis), talkOver::heard);
        if (reply == null) {
            return new Answered(new CallReport.Turn(index, promptEndedEpochMillis, null, null, spoken.endedNanos(), null, null,
                    prompted.bargeIn(), null, talkOver.tally()), null);
        }
        long voiceToVoiceMillis = millisBetween(spoken.endedNanos(), reply.atNanos());
        // The agent's "speaking" may arrive after its first audio (signaling and media travel apart): the turn is
        // split once the reply has been heard out, or, when the next turn speaks over it, when it begins to.
        if (leaveGoing) {
            sleepOrBreak(millisBetween(System.nanoTime(), reply.atNanos() + conversation.bargeIn().afterMillis() * 1_000_000L));
            return new Answered(new CallReport.Turn(index, promptEndedEpochMillis, voiceToVoiceMillis, null, spoken.endedNanos(),
                    reply.atNanos(), stages(spoken.endedNanos(), reply.atNanos()), prompted.bargeIn(), null, talkOver.tally()), reply);
        }
        HeardOut out = hearOut(index, reply);
        return new Answered(new CallReport.Turn(index, promptEndedEpochMillis, voiceToVoiceMillis,
                out.end() == null ? null : out.end().lengthMillis(), spoken.endedNanos(), reply.atNanos(),
                stages(spoken.endedNanos(), reply.atNanos()), prompted.bargeIn(), out.backchannel(), talkOver.tally()), null);
    }

    /** The reply to its end; where the profile says so, with a backchannel said during it that must not stop it. */
    private HeardOut hearOut(int index, VoiceActivity.Started reply) throws InterruptedException, CallBroken {
        Backchannel backchannel = conversation.backchannel();
        if (!backchannel.during(index)) {
            return new HeardOut(nextEnd(conversation.replyTimeoutMillis() * 4), null);
        }
        SpeakingOver over = speakOver(reply, backchannel.afterMillis(), conversation.backchannelClip(), backchannel.stopWithinMillis(),
                conversation.replyTimeoutMillis() * 4);
        return new HeardOut(over.replyEnd(), over.spokenOver());
    }

    /**
     * The turn split by the agent's own states, where it published them: "thinking" after the prompt ended and
     * before the reply was heard, then "speaking"; null when either is missing.
     */
    private CallReport.Stages stages(long promptEndedNanos, long replyHeardNanos) {
        Long thinking = agentStates.firstAt(AgentStateLog.THINKING, promptEndedNanos, replyHeardNanos);
        Long speaking = thinking == null ? null : agentStates.firstAt(AgentStateLog.SPEAKING, thinking, Long.MAX_VALUE);
        if (speaking == null) {
            return null;
        }
        return CallReport.Stages.split(promptEndedNanos, thinking, speaking, replyHeardNanos);
    }

    /** As a person would, the caller waits for the agent to finish what it is saying (a greeting it did not wait for) before it talks. */
    private void awaitQuiet(long timeoutMillis) throws InterruptedException, CallBroken {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        while (media.agentSpeaking() && System.nanoTime() < deadline) {
            checkNotBroken();
            checkAgentHere();
            Thread.sleep(20);
        }
    }

    private VoiceActivity.Started nextStart(long notBeforeNanos, long timeoutMillis) throws InterruptedException, CallBroken {
        return next(VoiceActivity.Started.class, started -> started.atNanos() >= notBeforeNanos, timeoutMillis);
    }

    private VoiceActivity.Ended nextEnd(long timeoutMillis) throws InterruptedException, CallBroken {
        return next(VoiceActivity.Ended.class, ended -> true, timeoutMillis);
    }

    private <T extends VoiceActivity.Change> T next(Class<T> kind, java.util.function.Predicate<T> accepted, long timeoutMillis)
            throws InterruptedException, CallBroken {
        return next(kind, accepted, timeoutMillis, change -> { });
    }

    /** The next change of that kind the ear heard that the test accepts, or null after the timeout; {@code passedOver} sees the others. */
    private <T extends VoiceActivity.Change> T next(Class<T> kind, java.util.function.Predicate<T> accepted, long timeoutMillis,
                                                    java.util.function.Consumer<VoiceActivity.Change> passedOver)
            throws InterruptedException, CallBroken {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        while (true) {
            checkNotBroken();
            checkAgentHere();
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            VoiceActivity.Change change = heard.poll(Math.min(left, 50_000_000), TimeUnit.NANOSECONDS);
            if (kind.isInstance(change) && accepted.test(kind.cast(change))) {
                return kind.cast(change);
            }
            if (change != null) {
                passedOver.accept(change);
            }
        }
    }

    private void connect() throws CallBroken, InterruptedException {
        String url = livekitUrl + "/rtc?access_token=" + URLEncoder.encode(participantToken, StandardCharsets.UTF_8)
                + "&protocol=" + SignalFrames.PROTOCOL + "&auto_subscribe=1&sdk=java&version=stella-harness";
        CompletableFuture<WebSocket> opening = null;
        try {
            opening = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10)).buildAsync(URI.create(url), new Signals());
            socket = opening.get(15, TimeUnit.SECONDS);
            sending = CompletableFuture.completedFuture(socket);
        } catch (IllegalArgumentException e) {
            throw new CallBroken("not a LiveKit URL: " + livekitUrl + " (" + Redaction.tokensOut(e.getMessage()) + ")");
        } catch (ExecutionException | TimeoutException e) {
            if (opening != null) {
                opening.thenAccept(WebSocket::abort); // should it open after all
            }
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new CallBroken("cannot open " + livekitUrl + "/rtc: " + cause);
        }
    }

    private void onSignal(LivekitRtc.SignalResponse response) {
        if (holdsForMedia(response)) {
            return;
        }
        switch (response.getMessageCase()) {
            case JOIN -> {
                response.getJoin().getOtherParticipantsList().forEach(this::noteAgent);
                joinResponse.complete(response.getJoin());
            }
            case UPDATE -> response.getUpdate().getParticipantsList().forEach(this::noteAgent);
            case TRACK_PUBLISHED -> {
                if (response.getTrackPublished().getCid().equals(media.trackId())) {
                    trackPublished.complete(null);
                }
            }
            case ANSWER -> media.publisherAnswered(response.getAnswer().getSdp());
            case OFFER -> {
                subscriberOffered = true;
                media.subscriberOffered(response.getOffer().getSdp());
            }
            case TRICKLE -> media.trickle(response.getTrickle());
            case LEAVE -> breaks("the server sent leave (" + response.getLeave().getReason() + ")");
            default -> {
            }
        }
    }

    private void noteAgent(LivekitModels.ParticipantInfo participant) {
        if (participant.getKind() == LivekitModels.ParticipantInfo.Kind.AGENT) {
            agentSeen = true;
            long nowNanos = System.nanoTime();
            agents.saw(participant, nowNanos);
            agentStates.saw(participant, nowNanos);
        }
    }

    /**
     * A server may offer the subscriber connection, and trickle for it, right after the JoinResponse,
     * before this call has made its connections: such frames wait and are handled once it has.
     */
    private boolean holdsForMedia(LivekitRtc.SignalResponse response) {
        switch (response.getMessageCase()) {
            case OFFER, ANSWER, TRICKLE -> {
                synchronized (heldForMedia) {
                    if (!mediaStarted) {
                        heldForMedia.add(response);
                        return true;
                    }
                }
                return false;
            }
            default -> {
                return false;
            }
        }
    }

    private void mediaStarted() {
        List<LivekitRtc.SignalResponse> held;
        synchronized (heldForMedia) {
            mediaStarted = true;
            held = new ArrayList<>(heldForMedia);
            heldForMedia.clear();
        }
        held.forEach(this::onSignal);
    }

    private final class Signals implements WebSocket.Listener {
        private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            partial.writeBytes(bytes);
            if (last) {
                byte[] frame = partial.toByteArray();
                partial.reset();
                try {
                    onSignal(LivekitRtc.SignalResponse.parseFrom(frame));
                } catch (InvalidProtocolBufferException e) {
                    breaks("a signaling frame that is not a SignalResponse from " + livekitUrl);
                } catch (RuntimeException e) {
                    breaks("a signaling frame the call could not use: " + e.getMessage());
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            breaks("the signaling socket closed (" + statusCode + (reason.isEmpty() ? "" : " " + reason) + ")");
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            breaks("the signaling socket failed: " + error);
        }
    }

    private void send(LivekitRtc.SignalRequest request) {
        send(request.toByteArray());
    }

    private synchronized void send(byte[] request) {
        if (sending == null) {
            return;
        }
        ByteBuffer frame = ByteBuffer.wrap(request);
        // A WebSocket takes one send at a time: each waits for the one before.
        sending = sending.thenCompose(ws -> ws.sendBinary(frame, true)).exceptionally(failure -> {
            breaks("cannot send on the signaling socket: " + failure);
            return socket;
        });
    }

    private Void breaks(String reason) {
        broken.complete(reason);
        return null;
    }

    private void checkNotBroken() throws CallBroken {
        if (broken.isDone()) {
            throw new CallBroken(broken.join());
        }
    }

    /** While the caller talks with the agent: the agent left the room (it crashed), and the turn breaks off. */
    private void checkAgentHere() throws AgentLeft {
        if (watchingAgentLeave && agents.leaves() > agentLeavesHandled) {
            throw new AgentLeft(agents.leftAtNanos(agentLeavesHandled + 1));
        }
    }

    private void hangUp() {
        if (pinging != null) {
            pinging.cancel(false);
        }
        if (socket != null) {
            send(SignalFrames.leave());
            try {
                sending.thenCompose(ws -> ws.sendClose(WebSocket.NORMAL_CLOSURE, "")).get(2, TimeUnit.SECONDS);
            } catch (Exception e) {
                socket.abort();
            }
        }
        media.close();
    }

    private void sleepOrBreak(long millis) throws InterruptedException, CallBroken {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (System.nanoTime() < deadline) {
            checkNotBroken();
            checkAgentHere();
            Thread.sleep(Math.min(50, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
        }
    }

    private <T> T await(CompletableFuture<T> future, long timeoutMillis, String what) throws CallBroken, InterruptedException {
        return await(future, timeoutMillis, what, () -> "");
    }

    /** Waits for the future; past the timeout the call breaks with {@code what} and the {@code detail} of that moment. */
    private <T> T await(CompletableFuture<T> future, long timeoutMillis, String what, java.util.function.Supplier<String> detail)
            throws CallBroken, InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        while (true) {
            checkNotBroken();
            try {
                return future.get(Math.max(1, Math.min(50, (deadline - System.nanoTime()) / 1_000_000)), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                if (System.nanoTime() >= deadline) {
                    throw new CallBroken(what + " within " + timeoutMillis + " ms" + detail.get());
                }
            } catch (ExecutionException e) {
                throw new CallBroken(what + ": " + e.getCause().getMessage());
            }
        }
    }


    private static long millisBetween(long fromNanos, long toNanos) {
        return (toNanos - fromNanos) / 1_000_000;
    }

    private static long epochMillisOf(long nanos) {
        return System.currentTimeMillis() - (System.nanoTime() - nanos) / 1_000_000;
    }

    /** The call cannot go on; the message says why, in words for the report. */
    private static class CallBroken extends Exception {
        CallBroken(String message) {
            super(message, null, false, false);
        }
    }

    /** The agent left the room while the caller talked with it: the turn breaks off. */
    private static final class AgentLeft extends CallBroken {
        private final long leftNanos;

        AgentLeft(long leftNanos) {
            super("the agent left the room");
            this.leftNanos = leftNanos;
        }

        long leftNanos() {
            return leftNanos;
        }
    }

    /** The agent left and no other took over: the call ends. */
    private static final class AgentLost extends CallBroken {
        private final CallReport.AgentRecovery recovery;

        AgentLost(String message, CallReport.AgentRecovery recovery) {
            super(message);
            this.recovery = recovery;
        }

        CallReport.AgentRecovery recovery() {
            return recovery;
        }
    }

    /** No agent answered: the call ends, unanswered. */
    private static final class Unanswered extends CallBroken {
        Unanswered(String message) {
            super(message);
        }
    }
}
