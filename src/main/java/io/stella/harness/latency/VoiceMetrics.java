package io.stella.harness.latency;

import io.stella.harness.config.ConversationShape;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The latencies a voice product lives by, which no single request shows: time to join, time to
 * agent, session setup and signaling round trip, and over real media voice to voice, time to
 * greeting, media setup, reply length and the call itself, each in its own HdrHistogram pair (whole run and
 * measured window), plus how many sessions were held at once. Virtual users record from many threads
 * at once; every method is synchronized, which costs nothing at a few thousand samples a second.
 */
public final class VoiceMetrics {

    /** WebSocket connect to the JoinResponse. */
    public static final String TIME_TO_JOIN = "timeToJoin";
    /** Session created (the backend answered) to the agent visible in the room. */
    public static final String TIME_TO_AGENT = "timeToAgent";
    /** Joined to the agent visible: the agent's share of setup once the user is in. */
    public static final String AGENT_WAIT = "agentWait";
    /** The user's arrival to the agent visible: everything a caller waits through, late starts included. */
    public static final String SESSION_SETUP = "sessionSetup";
    /** ping_req to pong_resp over the signaling socket. */
    public static final String SIGNALING_RTT = "signalingRtt";

    /** Over real media: the WebSocket connect to media flowing both ways (ICE/DTLS up, the agent's first audio). */
    public static final String MEDIA_SETUP = "mediaSetup";
    /** Over real media: joined to the first audible audio of the agent's greeting; NO_REPLY when it never came. */
    public static final String TIME_TO_GREETING = "timeToGreeting";
    /** Over real media: the end of the caller's utterance to the first audible audio of the agent's reply; NO_REPLY when none came. */
    public static final String VOICE_TO_VOICE = "voiceToVoice";
    /** Over real media: how long the agent's reply ran. */
    public static final String AGENT_REPLY = "agentReply";
    /** Over real media: a whole call, connect to hang-up; MEDIA_FAILED or AUDIO_LOST when it went wrong. */
    public static final String CALL = "call";
    /** Where the agent publishes {@code lk.agent.state}: the caller's utterance ended to "thinking" (its end-of-turn detection). */
    public static final String AGENT_END_OF_TURN = "agentEndOfTurn";
    /** Where the agent publishes {@code lk.agent.state}: "thinking" to "speaking" (its model and speech synthesis). */
    public static final String AGENT_THINKING = "agentThinking";
    /** Where the agent publishes {@code lk.agent.state}: "speaking" to its reply's first audio at the caller (its output path). */
    public static final String AGENT_OUTPUT = "agentOutput";

    /**
     * Over real media, where the caller speaks over the agent's reply (barge-in): its first interrupting speech to the
     * agent's last audio heard; NOT_INTERRUPTED when the agent talked on past the profile's limit.
     */
    public static final String BARGE_IN_STOP = "bargeInStop";
    /**
     * Over real media, where the caller says something short during the agent's reply ("uh-huh"): its first word to
     * the reply going silent (as long as the reply ran on after it); FALSE_INTERRUPTION when that was within the
     * profile's limit, the agent taking the backchannel for an interruption.
     */
    public static final String BACKCHANNEL = "backchannel";
    /**
     * Over real media, per turn: how long the agent was heard while the caller spoke its prompt (0 for most turns);
     * PREMATURE_REPLY when the agent began to speak before the prompt ended.
     */
    public static final String TALK_OVER = "talkOver";
    /**
     * Over real media, per call that reached its conversation: its slowest turn's voice to voice; failed with the
     * first reason it was no good conversation (NO_REPLY, SLOW_TURN, NOT_INTERRUPTED, FALSE_INTERRUPTION,
     * PREMATURE_REPLY, AGENT_LEFT, TWO_AGENTS, MEDIA_FAILED, AUDIO_LOST, AGENT_LOST). The good ones are the goodput.
     */
    public static final String CONVERSATION = "conversation";
    /**
     * Over real media, per call that waits for a greeting: the call placed (its session created, the agent
     * dispatched) to the greeting's first audible audio, everything a caller of a burst waits through; NO_REPLY when
     * no greeting came.
     */
    public static final String FIRST_SPEECH = "firstSpeech";
    /**
     * Over real media, each time a call's agent left mid-conversation (it crashed): from the leave seen in signaling to
     * a new agent's first audible audio (the agent in the room, where the caller waits for no greeting); AGENT_LOST
     * when none came within the media and reply timeouts.
     */
    public static final String AGENT_RECOVERY = "agentRecovery";

    /** The packet engine's figures, timed as packets arrive: {@value} ends their names ({@code voiceToVoiceWire}). */
    public static final String ON_THE_WIRE = "Wire";
    /** The media figures each engine keeps under its own name. */
    private static final List<String> PER_ENGINE = List.of(MEDIA_SETUP, TIME_TO_GREETING, VOICE_TO_VOICE, AGENT_REPLY, AGENT_OUTPUT,
            BARGE_IN_STOP, BACKCHANNEL, TALK_OVER, CONVERSATION, FIRST_SPEECH, AGENT_RECOVERY);

    /** The engine whose calls measure a figure of that name, or null for a figure every call (or none) measures. */
    public static String engineMeasuring(String name) {
        if (PER_ENGINE.contains(name)) {
            return ConversationShape.LIBWEBRTC;
        }
        if (name.endsWith(ON_THE_WIRE) && PER_ENGINE.contains(name.substring(0, name.length() - ON_THE_WIRE.length()))) {
            return ConversationShape.PACKET;
        }
        return null;
    }

    public static final List<String> NAMES = List.of(TIME_TO_JOIN, TIME_TO_AGENT, AGENT_WAIT, SESSION_SETUP, SIGNALING_RTT,
            MEDIA_SETUP, TIME_TO_GREETING, VOICE_TO_VOICE, AGENT_REPLY, CALL, MEDIA_SETUP + ON_THE_WIRE,
            TIME_TO_GREETING + ON_THE_WIRE, VOICE_TO_VOICE + ON_THE_WIRE, AGENT_REPLY + ON_THE_WIRE, AGENT_END_OF_TURN, AGENT_THINKING,
            AGENT_OUTPUT, AGENT_OUTPUT + ON_THE_WIRE, BARGE_IN_STOP, BARGE_IN_STOP + ON_THE_WIRE, BACKCHANNEL,
            BACKCHANNEL + ON_THE_WIRE, TALK_OVER, TALK_OVER + ON_THE_WIRE,
            CONVERSATION, CONVERSATION + ON_THE_WIRE, FIRST_SPEECH, FIRST_SPEECH + ON_THE_WIRE, AGENT_RECOVERY,
            AGENT_RECOVERY + ON_THE_WIRE);

    /**
     * A media figure's name for calls on that engine: libwebrtc's are heard through its jitter buffer
     * and playout and keep the plain name; the packet engine's are timed on the wire.
     */
    public static String onEngine(String metric, String engine) {
        return PER_ENGINE.contains(metric) && ConversationShape.PACKET.equals(engine) ? metric + ON_THE_WIRE : metric;
    }

    private final Map<String, RequestStats> byName = new LinkedHashMap<>();
    private long measuredFromEpochMillis = Long.MAX_VALUE;
    private int sessionsHeld;
    private int peakSessionsHeld;
    private long loadStartEpochMillis = -1;
    private final List<Integer> peakHeldBySecond = new ArrayList<>();
    private final MediaFigures media = new MediaFigures();
    private final List<PlacedCall> callsPlaced = new ArrayList<>();
    private StepMeasurements steps;

    /** A call as it ended: when it was placed, and how it failed (null: it did not). */
    private record PlacedCall(long placedEpochMillis, ErrorKind failure) {
    }
    private IntervalLogRecorder spool;
    private java.nio.file.Path spoolFile;

    /** Hears every sample as it is recorded: the live metrics. */
    public interface SampleListener {
        void sampled(String metric, long latencyMillis);
    }

    private SampleListener listener;

    /** From now on every sample also goes to {@code sampleListener}. */
    public synchronized void reportTo(SampleListener sampleListener) {
        this.listener = sampleListener;
    }

    /** Voice sessions held at this moment. */
    public synchronized int sessionsHeldNow() {
        return sessionsHeld;
    }

    public VoiceMetrics() {
        NAMES.forEach(name -> byName.put(name, RequestStats.named(name)));
    }

    /** Samples of events from this time on count for the verdict (the warm-up ends then). */
    public synchronized void measureFrom(long epochMillis) {
        measuredFromEpochMillis = epochMillis;
    }

    /**
     * Records one sample of a metric.
     *
     * @param startEpochMillis when the measured interval began; it decides warm-up or measured window
     * @param latencyMillis    its length, in the whole milliseconds that Gatling's clock gives
     */
    public synchronized void record(String name, long startEpochMillis, long latencyMillis) {
        recordFailure(name, startEpochMillis, latencyMillis, null);
    }

    /** Records one sample that failed in the way {@code kind} says (null: it did not fail). */
    public synchronized void recordFailure(String name, long startEpochMillis, long latencyMillis, ErrorKind kind) {
        RequestStats stats = byName.get(name);
        if (stats == null) {
            throw new IllegalArgumentException("not a voice metric: " + name + " (known: " + NAMES + ")");
        }
        if (listener != null) {
            listener.sampled(name, latencyMillis);
        }
        long latencyMicros = Math.max(0, latencyMillis) * 1000;
        if (spool != null) {
            String tag = IntervalLogRecorder.VOICE_TAG_PREFIX + name;
            spool.record(startEpochMillis >= measuredFromEpochMillis ? tag : IntervalLogRecorder.WARM_UP_TAG_PREFIX + tag,
                    startEpochMillis + Math.max(0, latencyMillis), latencyMicros);
        }
        if (name.equals(CALL)) {
            callsPlaced.add(new PlacedCall(startEpochMillis, kind));
        }
        if (steps != null) {
            steps.recordOwn(name, startEpochMillis - loadStartEpochMillis, latencyMicros, kind);
        }
        stats.wholeRun().record(latencyMicros, kind);
        if (startEpochMillis >= measuredFromEpochMillis) {
            stats.measured().record(latencyMicros, kind);
        }
    }

    /**
     * From now on every sample also goes to the capacity search's step whose hold it started in, so
     * each step is judged on its own voice figures as on its own requests. The stairs' clock starts
     * with the load ({@link #loadStarts}), warm-up first.
     */
    public synchronized void stepsOf(io.stella.harness.config.Stairs stairs, long warmUpMillis) {
        steps = new StepMeasurements(stairs, warmUpMillis);
    }

    /** A copy of one step's voice windows so far, by metric name; empty when no steps are kept. */
    public synchronized Map<String, LatencyWindow> stepWindows(int step) {
        return steps == null ? Map.of() : steps.copyOfStep(step);
    }

    /** The voice figures step by step, or null when the run is no capacity search; read once the run is over. */
    public synchronized StepMeasurements steps() {
        return steps;
    }

    /** Calls placed in a stretch of the run: how many, how many no agent answered, how many failed otherwise. */
    public record CallTally(long placed, long unanswered, long failedOtherwise) {
    }

    /** The calls placed in {@code [fromSec, toSec)} after the load started, as they ended. */
    public synchronized CallTally callsPlacedBetween(int fromSec, int toSec) {
        long placed = 0;
        long unanswered = 0;
        long failed = 0;
        for (PlacedCall call : callsPlaced) {
            long sec = (call.placedEpochMillis() - loadStartEpochMillis) / 1000;
            if (loadStartEpochMillis >= 0 && call.placedEpochMillis() >= loadStartEpochMillis && sec >= fromSec && sec < toSec) {
                placed++;
                unanswered += call.failure() == ErrorKind.NO_REPLY ? 1 : 0;
                failed += call.failure() != null && call.failure() != ErrorKind.NO_REPLY ? 1 : 0;
            }
        }
        return new CallTally(placed, unanswered, failed);
    }

    /** Seconds for {@link #peakSessionsHeldBetween} count from here. */
    public synchronized void loadStarts(long epochMillis) {
        loadStartEpochMillis = epochMillis;
    }

    public synchronized void sessionHeld() {
        sessionHeld(System.currentTimeMillis());
    }

    public synchronized void sessionReleased() {
        sessionReleased(System.currentTimeMillis());
    }

    synchronized void sessionHeld(long epochMillis) {
        bySecondUpTo(epochMillis);
        sessionsHeld++;
        peakSessionsHeld = Math.max(peakSessionsHeld, sessionsHeld);
        notePeak(epochMillis);
    }

    synchronized void sessionReleased(long epochMillis) {
        bySecondUpTo(epochMillis);
        sessionsHeld--;
    }

    /** Carries the count held into every second up to this moment's, so quiet seconds read right. */
    private void bySecondUpTo(long epochMillis) {
        if (loadStartEpochMillis < 0) {
            return;
        }
        int second = (int) Math.max(0, (epochMillis - loadStartEpochMillis) / 1000);
        while (peakHeldBySecond.size() <= second) {
            peakHeldBySecond.add(sessionsHeld);
        }
    }

    private void notePeak(long epochMillis) {
        if (loadStartEpochMillis >= 0) {
            int second = (int) Math.max(0, (epochMillis - loadStartEpochMillis) / 1000);
            peakHeldBySecond.set(second, Math.max(peakHeldBySecond.get(second), sessionsHeld));
        }
    }

    /**
     * The most sessions held at once in {@code [fromSec, toSec)} after the load started (seconds with
     * no event hold what the one before ended with), or null when no session was ever held.
     */
    public synchronized Integer peakSessionsHeldBetween(int fromSec, int toSec) {
        if (peakSessionsHeld == 0 || loadStartEpochMillis < 0) {
            return null;
        }
        int peak = 0;
        for (int second = Math.max(0, fromSec); second < Math.min(toSec, peakHeldBySecond.size()); second++) {
            peak = Math.max(peak, peakHeldBySecond.get(second));
        }
        // After the last event nothing changed: those seconds held what is held now.
        return toSec > peakHeldBySecond.size() ? Math.max(peak, sessionsHeld) : peak;
    }

    /** The most sessions held in each second since the load started, up to the last session taken or released. */
    public synchronized List<Integer> sessionsHeldBySecond() {
        return List.copyOf(peakHeldBySecond);
    }

    public synchronized int peakSessionsHeld() {
        return peakSessionsHeld;
    }

    /**
     * From now on every sample also goes, per second and by name, into an interval log in this
     * file (flat memory: a few seconds stay open); the run's latency.hlog is merged from it and Gatling's.
     */
    public synchronized void spoolIntervalsTo(java.nio.file.Path file, long baseEpochMillis) throws java.io.IOException {
        spoolFile = file;
        spool = new IntervalLogRecorder(new java.io.BufferedOutputStream(java.nio.file.Files.newOutputStream(file)),
                baseEpochMillis, "voice metrics");
    }

    /** Closes the interval log of the samples so far: the file to merge, or null when none was kept or no sample went in. */
    public synchronized java.nio.file.Path closeSpool() {
        if (spool != null) {
            spool.close();
            spool = null;
        }
        return spoolFile != null && !recorded().isEmpty() ? spoolFile : null;
    }

    /** The interval log's file is gone (merged, or nothing to merge); safe to call more than once. */
    public synchronized void discardSpool() {
        closeSpool();
        if (spoolFile != null) {
            try {
                java.nio.file.Files.deleteIfExists(spoolFile);
            } catch (java.io.IOException e) {
                // a temporary file left behind: nothing measured depends on it
            }
            spoolFile = null;
        }
    }

    /** What calls over real media carried: audio statistics, failures, the audio clock. */
    public MediaFigures media() {
        return media;
    }

    /** The metrics that have samples, by name; read once the run is over. */
    public synchronized Map<String, RequestStats> recorded() {
        Map<String, RequestStats> recorded = new LinkedHashMap<>();
        byName.forEach((name, stats) -> {
            if (stats.wholeRun().count() > 0) {
                recorded.put(name, stats);
            }
        });
        return recorded;
    }
}
