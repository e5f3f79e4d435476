package io.stella.harness.simulations;

import io.stella.harness.api.BackendChains;
import io.stella.harness.api.SimulationNames;
import io.stella.harness.api.StellaSimulation;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.stella.harness.config.VoiceShape;
import io.stella.harness.latency.VoiceMetrics;
import io.stella.harness.livekit.SignalFrames;
import io.gatling.http.action.ws.WsInboundMessage;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static io.gatling.javaapi.core.CoreDsl.bodyBytes;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.http.HttpDsl.ws;

/**
 * A STELLA caller's whole voice session, in the open model: log in, create the session, join the
 * LiveKit room over /rtc signaling, wait for the agent, hold the session with signaling pings,
 * leave, end the session. Besides Gatling's request timings it records the voice metrics: time to
 * join, time to agent, the agent wait, session setup from the caller's arrival, and signaling RTT.
 */
public class VoiceSessionSimulation extends StellaSimulation {

    static final String DEFAULT_PROFILE = "voice";
    static final String VOICE_SESSION = "voiceSession";
    static final String JOIN = "join";
    static final String AWAIT_AGENT = "awaitAgent";
    static final String PING = "ping";
    static final String LEAVE = "leave";
    static final String CLOSE = "close";
    // Gatling reports each WebSocket check under its own name, beside the action that awaited it.
    static final String JOIN_RESPONSE = "joinResponse";
    static final String AGENT_VISIBLE = "agentVisible";
    static final String PONG = "pong";

    static final SimulationNames NAMES = SimulationNames.scenarios(VOICE_SESSION).requests(requestNames());

    private static final String ARRIVED_AT = "arrivedAt";
    private static final String CREATED_AT = "createdAt";
    private static final String CONNECT_AT = "connectAt";
    private static final String JOINED_AT = "joinedAt";
    private static final String AGENT_AT = "agentAt";
    private static final String AGENT_IN_JOIN = "agentInJoin";
    private static final String PING_AT = "pingAt";

    private final VoiceMetrics voice;

    public VoiceSessionSimulation() {
        super(DEFAULT_PROFILE, NAMES);
        voice = voice();
        VoiceShape shape = profile().voice();

        ScenarioBuilder session = scenario(VOICE_SESSION)
                .exec(stamp(ARRIVED_AT))
                .exec(backend().token(), backend().createSession())
                .exec(stamp(CREATED_AT))
                .exec(join())
                .exec(awaitAgent(shape))
                .repeat(shape.pings()).on(ping(shape))
                .exec(leave())
                .exec(backend().endSession());

        setUpFromProfile(protocol().wsUnmatchedInboundMessageBufferSize(64), session)
                .maxDuration(run().maxDuration().plusSeconds(shape.holdSec() + shape.agentTimeoutSec()));
    }

    /** Connects to /rtc with the participant token the backend gave; the JoinResponse must come first. */
    private ChainBuilder join() {
        return exec(stamp(CONNECT_AT))
                .exec(timed(JOIN, ws(JOIN).connect("#{livekitUrl}/rtc?access_token=#{participantToken}&protocol=" + SignalFrames.PROTOCOL)
                        .await(Duration.ofSeconds(10)).on(ws.checkBinaryMessage(JOIN_RESPONSE).check(
                                bodyBytes().transform(SignalFrames::isJoin).is(true),
                                bodyBytes().transform(SignalFrames::agentInJoin).saveAs(AGENT_IN_JOIN)))))
                .exitHereIfFailed()
                .exec(session -> {
                    long now = System.currentTimeMillis();
                    voice.record(VoiceMetrics.TIME_TO_JOIN, session.getLong(CONNECT_AT), now - session.getLong(CONNECT_AT));
                    voice.sessionHeld();
                    return session.set(JOINED_AT, now);
                });
    }

    /**
     * The agent is visible in the JoinResponse, or in an update that came while nothing was waiting
     * (Gatling buffers those, with their arrival time), or in one that comes while we wait for it.
     */
    private ChainBuilder awaitAgent(VoiceShape shape) {
        return exec(ws.processUnmatchedMessages((messages, session) ->
                        agentArrival(messages).map(at -> session.set(AGENT_AT, at)).orElse(session)))
                .exec(session -> session.getBoolean(AGENT_IN_JOIN) ? session.set(AGENT_AT, session.getLong(JOINED_AT)) : session)
                .doIf(session -> !session.contains(AGENT_AT)).then(
                        exec(timed(AWAIT_AGENT, ws(AWAIT_AGENT).sendBytes(session -> SignalFrames.pingRequest(System.currentTimeMillis()))
                                .await(Duration.ofSeconds(shape.agentTimeoutSec())).on(ws.checkBinaryMessage(AGENT_VISIBLE)
                                        .matching(bodyBytes().transform(SignalFrames::revealsAgent).is(true)))))
                                .doIf(session -> !session.isFailed()).then(exec(stamp(AGENT_AT))))
                .exec(session -> {
                    if (session.contains(AGENT_AT)) {
                        long agentAt = session.getLong(AGENT_AT);
                        voice.record(VoiceMetrics.TIME_TO_AGENT, session.getLong(CREATED_AT), agentAt - session.getLong(CREATED_AT));
                        voice.record(VoiceMetrics.AGENT_WAIT, session.getLong(JOINED_AT), agentAt - session.getLong(JOINED_AT));
                        voice.record(VoiceMetrics.SESSION_SETUP, session.getLong(ARRIVED_AT), agentAt - session.getLong(ARRIVED_AT));
                    }
                    return session.markAsSucceeded(); // a missing agent is a KO in Gatling's log; the hold goes on
                });
    }

    /** One signaling round trip, then the rest of the ping interval. */
    private ChainBuilder ping(VoiceShape shape) {
        return exec(stamp(PING_AT))
                .exec(timed(PING, ws(PING).sendBytes(session -> SignalFrames.pingRequest(session.getLong(PING_AT)))
                        .await(Duration.ofSeconds(5)).on(ws.checkBinaryMessage(PONG)
                                .matching(bodyBytes().transform(SignalFrames::isPong).is(true)))))
                .exec(session -> {
                    if (!session.isFailed()) {
                        long pingAt = session.getLong(PING_AT);
                        voice.record(VoiceMetrics.SIGNALING_RTT, pingAt, System.currentTimeMillis() - pingAt);
                    }
                    return session.markAsSucceeded(); // the KO is in Gatling's log; the next ping starts clean
                })
                .pause(Duration.ofSeconds(shape.pingIntervalSec()));
    }

    private ChainBuilder leave() {
        return exec(timed(LEAVE, ws(LEAVE).sendBytes(SignalFrames.leave())))
                .exec(timed(CLOSE, ws(CLOSE).close()))
                .exec(session -> {
                    voice.sessionReleased();
                    return session;
                });
    }

    /** When the first buffered frame that shows the agent arrived, if one did. */
    static Optional<Long> agentArrival(List<WsInboundMessage> unmatched) {
        return unmatched.stream().filter(WsInboundMessage.Binary.class::isInstance).map(WsInboundMessage.Binary.class::cast)
                .filter(message -> SignalFrames.revealsAgent(message.message())).map(WsInboundMessage::timestamp).findFirst();
    }

    private static java.util.function.Function<Session, Session> stamp(String key) {
        return session -> session.set(key, System.currentTimeMillis());
    }

    private static Set<String> requestNames() {
        Set<String> names = new HashSet<>(Set.of(BackendChains.TOKEN, BackendChains.CREATE_SESSION, BackendChains.END_SESSION,
                JOIN, JOIN_RESPONSE, AWAIT_AGENT, AGENT_VISIBLE, PING, PONG, LEAVE, CLOSE));
        names.addAll(VoiceMetrics.NAMES);
        return names;
    }
}
