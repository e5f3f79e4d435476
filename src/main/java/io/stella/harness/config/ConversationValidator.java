package io.stella.harness.config;

import io.stella.harness.latency.VoiceMetrics;
import io.stella.harness.livekit.media.Backchannel;
import io.stella.harness.livekit.media.BargeIn;
import io.stella.harness.livekit.media.SpeechClip;
import io.stella.harness.livekit.packet.Impairment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The profile's {@code conversation} block, checked field by field; absent fields take the defaults.
 * A profile without one carries no media (null).
 */
final class ConversationValidator {

    private ConversationValidator() {
    }

    static ConversationShape validate(ProfileDocument.ConversationDocument doc, ConfigProblems problems) {
        if (doc == null) {
            return null;
        }
        ConversationShape d = ConversationShape.DEFAULT;
        ConversationShape shape = new ConversationShape(or(doc.turns(), d.turns()), or(doc.greeting(), d.greeting()),
                or(doc.prompts(), d.prompts()), or(doc.replyTimeoutSec(), d.replyTimeoutSec()), or(doc.pauseMillis(), d.pauseMillis()),
                or(doc.replyEndSilenceMillis(), d.replyEndSilenceMillis()), or(doc.speechDbfs(), d.speechDbfs()),
                or(doc.mediaTimeoutSec(), d.mediaTimeoutSec()), or(doc.maxLostPercent(), d.maxLostPercent()),
                or(doc.maxConcealedPercent(), d.maxConcealedPercent()), or(doc.callsPerWorker(), d.callsPerWorker()),
                or(doc.engines(), d.engines()), network(doc.network(), problems), bargeIn(doc.bargeIn()),
                backchannel(doc.backchannel()), or(doc.goodTurnWithinMillis(), 1000 * or(doc.replyTimeoutSec(), d.replyTimeoutSec())));
        problems.require(shape.turns() >= 1 && shape.turns() <= 100, "/conversation/turns", "must be within 1..100 (was " + shape.turns() + ")");
        problems.require(shape.replyTimeoutSec() >= 1 && shape.replyTimeoutSec() <= 120, "/conversation/replyTimeoutSec",
                "must be within 1..120 (was " + shape.replyTimeoutSec() + ")");
        problems.require(shape.pauseMillis() >= 0 && shape.pauseMillis() <= 60_000, "/conversation/pauseMillis",
                "must be within 0..60000 (was " + shape.pauseMillis() + ")");
        problems.require(shape.replyEndSilenceMillis() >= 100 && shape.replyEndSilenceMillis() <= 10_000,
                "/conversation/replyEndSilenceMillis", "must be within 100..10000 (was " + shape.replyEndSilenceMillis() + ")");
        problems.require(shape.speechDbfs() >= -90 && shape.speechDbfs() <= -6, "/conversation/speechDbfs",
                "must be within -90..-6 dBFS (was " + Numbers.plain(shape.speechDbfs()) + ")");
        problems.require(shape.mediaTimeoutSec() >= 1 && shape.mediaTimeoutSec() <= 120, "/conversation/mediaTimeoutSec",
                "must be within 1..120 (was " + shape.mediaTimeoutSec() + ")");
        problems.require(shape.maxLostPercent() >= 0 && shape.maxLostPercent() <= 100, "/conversation/maxLostPercent",
                "must be a percentage within 0..100 (was " + Numbers.plain(shape.maxLostPercent()) + ")");
        problems.require(shape.maxConcealedPercent() >= 0 && shape.maxConcealedPercent() <= 100, "/conversation/maxConcealedPercent",
                "must be a percentage within 0..100 (was " + Numbers.plain(shape.maxConcealedPercent()) + ")");
        problems.require(shape.callsPerWorker() >= 1 && shape.callsPerWorker() <= 200, "/conversation/callsPerWorker",
                "must be within 1..200 (was " + shape.callsPerWorker() + ")");
        checkEngines(shape.engines(), problems);
        checkBargeIn(shape.bargeIn(), shape.turns(), problems);
        checkBackchannel(shape.backchannel(), shape.turns(), problems);
        problems.require(shape.goodTurnWithinMillis() >= 1 && shape.goodTurnWithinMillis() <= shape.replyTimeoutSec() * 1000,
                "/conversation/goodTurnWithinMillis", "must be within 1.." + shape.replyTimeoutSec() * 1000
                        + " ms (replyTimeoutSec; was " + shape.goodTurnWithinMillis() + ")");
        problems.require(shape.network().none() || shape.engines().containsKey(ConversationShape.PACKET), "/conversation/network",
                "applies to calls on the packet engine only, and conversation.engines places none there (" + shape.engines().keySet() + ")");
        if (problems.require(!shape.prompts().isEmpty(), "/conversation/prompts", "needs at least one WAV clip to speak")) {
            List<String> prompts = shape.prompts();
            for (int i = 0; i < prompts.size(); i++) {
                try {
                    SpeechClip.load(prompts.get(i), "/conversation/prompts/" + i);
                } catch (ConfigException e) {
                    problems.add("/conversation/prompts/" + i, e.getMessage().substring(e.getMessage().indexOf(": ") + 2));
                }
            }
        }
        return shape;
    }

    /**
     * The network block: every field optional (none: an unimpaired network), each within its range;
     * each change names its second (rising) and the fields that change then, the rest carried over.
     */
    private static Impairment network(ProfileDocument.NetworkDocument doc, ConfigProblems problems) {
        if (doc == null) {
            return Impairment.NONE;
        }
        Impairment base = new Impairment(or(doc.lossPercent(), 0.0), or(doc.meanBurstPackets(), 1.0), or(doc.delayMillis(), 0L),
                or(doc.jitterMillis(), 0L), or(doc.bandwidthKbps(), 0L), doc.seed(), List.of());
        checkCondition(base, "/conversation/network", problems);
        List<Impairment.Change> changes = new ArrayList<>();
        Impairment previous = base;
        long previousSec = 0;
        List<ProfileDocument.NetworkChangeDocument> docs = doc.changes() == null ? List.of() : doc.changes();
        for (int i = 0; i < docs.size(); i++) {
            ProfileDocument.NetworkChangeDocument change = docs.get(i);
            String where = "/conversation/network/changes/" + i;
            long atSec = or(change.atSec(), 0L);
            problems.require(atSec > previousSec, where + "/atSec", "must be a whole second after the call's start and after the change"
                    + " before it (was " + (change.atSec() == null ? "missing" : atSec) + ")");
            previous = new Impairment(or(change.lossPercent(), previous.lossPercent()),
                    or(change.meanBurstPackets(), previous.meanBurstPackets()), or(change.delayMillis(), previous.delayMillis()),
                    or(change.jitterMillis(), previous.jitterMillis()), or(change.bandwidthKbps(), previous.bandwidthKbps()), null,
                    List.of());
            checkCondition(previous, where, problems);
            changes.add(new Impairment.Change(atSec, previous));
            previousSec = Math.max(previousSec, atSec);
        }
        return new Impairment(base.lossPercent(), base.meanBurstPackets(), base.delayMillis(), base.jitterMillis(),
                base.bandwidthKbps(), base.seed(), changes);
    }

    private static BargeIn bargeIn(ProfileDocument.BargeInDocument doc) {
        if (doc == null) {
            return BargeIn.NONE;
        }
        return new BargeIn(doc.turns() == null ? List.of() : doc.turns().stream().map(turn -> turn == null ? 0 : turn).toList(),
                or(doc.afterMillis(), BargeIn.NONE.afterMillis()), or(doc.stopWithinMillis(), BargeIn.NONE.stopWithinMillis()));
    }

    private static Backchannel backchannel(ProfileDocument.BackchannelDocument doc) {
        if (doc == null) {
            return Backchannel.NONE;
        }
        Backchannel d = Backchannel.NONE;
        return new Backchannel(doc.turns() == null ? List.of() : doc.turns().stream().map(turn -> turn == null ? 0 : turn).toList(),
                or(doc.afterMillis(), d.afterMillis()), or(doc.stopWithinMillis(), d.stopWithinMillis()), or(doc.clip(), d.clip()));
    }

    private static void checkBackchannel(Backchannel backchannel, int turns, ConfigProblems problems) {
        checkSpokenOver("/conversation/backchannel", backchannel.turns(), 1, turns, "the caller backchannels during the agent's reply"
                + " to it", backchannel.afterMillis(), backchannel.stopWithinMillis(), problems);
        try {
            SpeechClip.load(backchannel.clip(), "/conversation/backchannel/clip");
        } catch (ConfigException e) {
            problems.add("/conversation/backchannel/clip", e.getMessage().substring(e.getMessage().indexOf(": ") + 2));
        }
    }

    private static void checkBargeIn(BargeIn bargeIn, int turns, ConfigProblems problems) {
        checkSpokenOver("/conversation/bargeIn", bargeIn.turns(), 2, turns, "the first turn after the greeting is 1; a turn is"
                + " spoken over the reply to the one before", bargeIn.afterMillis(), bargeIn.stopWithinMillis(), problems);
    }

    /** Turns named within {@code first..last}; how far into the reply the caller speaks, and how soon the agent is to stop. */
    private static void checkSpokenOver(String where, List<Integer> turnsNamed, int first, int last, String why, int afterMillis,
                                        int stopWithinMillis, ConfigProblems problems) {
        for (int i = 0; i < turnsNamed.size(); i++) {
            int turn = turnsNamed.get(i);
            problems.require(turn >= first && turn <= last, where + "/turns/" + i, "must name a turn within " + first + ".." + last
                    + " (" + why + ") (was " + turn + ")");
        }
        problems.require(afterMillis >= 0 && afterMillis <= 60_000, where + "/afterMillis",
                "must be within 0..60000 ms into the agent's reply (was " + afterMillis + ")");
        problems.require(stopWithinMillis >= 50 && stopWithinMillis <= 10_000, where + "/stopWithinMillis",
                "must be within 50..10000 ms (was " + stopWithinMillis + ")");
    }

    private static void checkCondition(Impairment network, String where, ConfigProblems problems) {
        problems.require(network.lossPercent() >= 0 && network.lossPercent() <= 50, where + "/lossPercent",
                "must be a percentage within 0..50 (was " + Numbers.plain(network.lossPercent()) + ")");
        problems.require(network.meanBurstPackets() >= 1 && network.meanBurstPackets() <= 100, where + "/meanBurstPackets",
                "must be within 1..100 packets (was " + Numbers.plain(network.meanBurstPackets()) + ")");
        problems.require(network.delayMillis() >= 0 && network.delayMillis() <= 5_000, where + "/delayMillis",
                "must be within 0..5000 ms (was " + network.delayMillis() + ")");
        problems.require(network.jitterMillis() >= 0 && network.jitterMillis() <= 1_000, where + "/jitterMillis",
                "must be within 0..1000 ms (was " + network.jitterMillis() + ")");
        problems.require(network.bandwidthKbps() == 0 || network.bandwidthKbps() >= 8 && network.bandwidthKbps() <= 100_000,
                where + "/bandwidthKbps", "must be 0 (no cap) or within 8..100000 kbps (was " + network.bandwidthKbps() + ")");
    }

    /**
     * A threshold on a figure only one engine measures (voiceToVoice as heard on libwebrtc,
     * voiceToVoiceWire on the packet engine) needs calls on that engine: otherwise it could never
     * pass, and the run would find out only at its end.
     */
    static void checkEveryFigureJudgedIsMeasured(List<Threshold> thresholds, ConversationShape conversation, ConfigProblems problems) {
        if (conversation == null) {
            return;
        }
        for (Threshold threshold : thresholds) {
            String engine = VoiceMetrics.engineMeasuring(threshold.request());
            if (engine != null && !conversation.engines().containsKey(engine)) {
                problems.add("/thresholds/" + threshold.request(), "is measured by calls on the " + engine + " engine only, and"
                        + " conversation.engines places none there (" + conversation.engines().keySet() + ")");
            }
        }
    }

    private static void checkEngines(Map<String, Integer> engines, ConfigProblems problems) {
        if (!problems.require(!engines.isEmpty(), "/conversation/engines", "names at least one engine: " + ConversationShape.ENGINES)) {
            return;
        }
        engines.forEach((engine, weight) -> {
            problems.require(ConversationShape.ENGINES.contains(engine), "/conversation/engines/" + engine,
                    "is no media engine (one of " + ConversationShape.ENGINES + ")");
            problems.require(weight != null && weight >= 1 && weight <= 10_000, "/conversation/engines/" + engine,
                    "must be a weight within 1..10000 (was " + weight + ")");
        });
    }

    private static <T> T or(T value, T fallback) {
        return value == null ? fallback : value;
    }
}
