package io.stella.harness.config;

import io.stella.harness.livekit.media.Backchannel;
import io.stella.harness.livekit.media.BargeIn;
import io.stella.harness.livekit.packet.Impairment;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How a caller with real media talks (the profile's {@code conversation} block): maybe wait for the
 * agent's greeting, then {@code turns} times speak a prompt (WAV clips, cycled), wait for the reply
 * to start (at most {@code replyTimeoutSec}: past it the turn is NO_REPLY) and end (quiet for
 * {@code replyEndSilenceMillis}), pause, speak again. A call whose received audio lost more than
 * {@code maxLostPercent} of its packets, or was concealed for more than {@code maxConcealedPercent}
 * of its samples, counts as AUDIO_LOST. Up to {@code callsPerWorker} calls share one media process.
 * {@code engines} weighs the media engines calls are placed on: {@code {"packet": 40, "libwebrtc": 1}}
 * puts one call in 41 on libwebrtc (voice as heard, through its jitter buffer and playout) and the
 * others on the packet engine (voice timed on the wire). {@code network} is what the network does to
 * each packet-engine call's media, both ways (loss, bursts, delay, jitter). {@code bargeIn} names the turns
 * spoken over the agent's reply to the turn before, {@code backchannel} the replies the caller says "uh-huh" during.
 * A conversation is good (goodput) when every turn was answered within {@code goodTurnWithinMillis}, with no
 * agent talking over the caller, none falsely or not interrupted, and the call went to its end with clean audio.
 */
public record ConversationShape(int turns, boolean greeting, List<String> prompts, int replyTimeoutSec, int pauseMillis,
                                int replyEndSilenceMillis, double speechDbfs, int mediaTimeoutSec, double maxLostPercent,
                                double maxConcealedPercent, int callsPerWorker, Map<String, Integer> engines, Impairment network,
                                BargeIn bargeIn, Backchannel backchannel, int goodTurnWithinMillis) {

    public static final List<String> SHIPPED_PROMPTS = List.of("voice/prompt-1.wav", "voice/prompt-2.wav", "voice/prompt-3.wav");
    public static final String LIBWEBRTC = "libwebrtc";
    public static final String PACKET = "packet";
    public static final List<String> ENGINES = List.of(LIBWEBRTC, PACKET);

    /** Three turns after the greeting, speech above -40 dBFS, a reply ended after 0.8 s of quiet, every call on libwebrtc. */
    public static final ConversationShape DEFAULT = new ConversationShape(3, true, SHIPPED_PROMPTS, 8, 500, 800, -40, 10, 5, 20, 25,
            Map.of(LIBWEBRTC, 1), Impairment.NONE, BargeIn.NONE, Backchannel.NONE, 8_000);

    public ConversationShape {
        prompts = List.copyOf(prompts);
        engines = Collections.unmodifiableMap(new TreeMap<>(engines));
    }

    /**
     * The engine of the {@code callIndex}-th call (from 0): by the weights, in a fixed order, so a run's
     * mix is the same every time and each engine's calls are spread over the whole run.
     */
    public String engineOfCall(long callIndex) {
        int total = engines.values().stream().mapToInt(Integer::intValue).sum();
        long position = Math.floorMod(callIndex, (long) Math.max(1, total));
        for (Map.Entry<String, Integer> engine : engines.entrySet()) {
            if (position < engine.getValue()) {
                return engine.getKey();
            }
            position -= engine.getValue();
        }
        return LIBWEBRTC;
    }

    /**
     * The longest a call can last, in seconds, whatever the agent does: connecting and media setup,
     * the greeting, and per turn the wait for quiet (4 reply timeouts), the longest prompt, the wait
     * for the reply to start and to end (1 + 4 reply timeouts), and the pause; plus a margin.
     */
    public int longestCallSec() {
        int perTurnSec = 9 * replyTimeoutSec + 10 + pauseMillis / 1000 + 1;
        return 25 + 2 * mediaTimeoutSec + (greeting ? 5 * replyTimeoutSec : 0) + turns * perTurnSec;
    }
}
