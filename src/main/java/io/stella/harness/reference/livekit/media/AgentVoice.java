package io.stella.harness.reference.livekit.media;

import io.stella.harness.config.ConfigException;
import io.stella.harness.config.Settings;
import io.stella.harness.livekit.media.Pcm;
import io.stella.harness.livekit.media.SpeechClip;
import io.stella.harness.reference.InjectedFaults;

/**
 * How the stand-in's simulated stella-agent talks: it greets on join (unless told not to), hears the
 * caller's speech end by energy after {@code endpointingMillis} of silence, waits a think-and-speak
 * delay drawn from {@code replyDelay} (the syntax of REFERENCE_ADDED_LATENCY: {@code 800ms},
 * {@code 90%:600ms,10%:2000ms}, {@code lognormal(700ms,0.4)}), then speaks its reply. One that does
 * not reply stays silent, for the NO_REPLY case. It publishes its state in the participant attribute
 * {@code lk.agent.state} as LiveKit Agents do (listening, thinking, speaking), unless {@code publishesState}
 * is off: an agent that publishes none. Told {@code interruptAfterMillis}, it stops talking once the caller has
 * spoken over it that long (LiveKit Agents' {@code min_interruption_duration}, 0.5 s by default there), so shorter
 * speech (a backchannel) does not stop it; null: it is never interrupted. {@code thinkingPerCallMillis} slows every
 * reply by that much for each other conversation the agents hold at the moment: a model all calls share, slower
 * under load, for a knee that truth is known of.
 */
public record AgentVoice(InjectedFaults replyDelay, long endpointingMillis, boolean greets, boolean replies,
                         SpeechClip greeting, SpeechClip reply, double speechRms, Long seed, String engine,
                         boolean publishesState, Long interruptAfterMillis, long thinkingPerCallMillis) {

    public static final String REPLY_DELAY = "REFERENCE_AGENT_REPLY_DELAY";
    public static final String ENDPOINTING = "REFERENCE_AGENT_ENDPOINTING_MS";
    public static final String GREETS = "REFERENCE_AGENT_GREETS";
    public static final String REPLIES = "REFERENCE_AGENT_REPLIES";
    /**
     * Milliseconds of the caller's speech over the agent that make it stop talking (500 by default, as LiveKit Agents'
     * {@code min_interruption_duration}), or {@code never}: an agent that talks on over everything.
     */
    public static final String INTERRUPT_AFTER = "REFERENCE_AGENT_INTERRUPT_AFTER_MS";
    /** Milliseconds each reply's thinking grows by for every other conversation the agents hold (0 by default). */
    public static final String THINKING_PER_CALL = "REFERENCE_AGENT_THINKING_PER_CALL_MS";
    /** Whether the agents publish {@code lk.agent.state} (true unless set to false). */
    public static final String PUBLISHES_STATE = "REFERENCE_AGENT_STATE";
    public static final String REPLY_CLIP = "REFERENCE_AGENT_REPLY_CLIP";
    public static final String GREETING_CLIP = "REFERENCE_AGENT_GREETING_CLIP";
    /** Seeds the reply delays' draws: the same seed, the same delays in the same order (for tests of a mix). */
    public static final String SEED = "REFERENCE_AGENT_SEED";
    /** The agents' media engine: {@code libwebrtc} (webrtc-java) or {@code packet} (the packet engine, far cheaper per call). */
    public static final String MEDIA_ENGINE = "REFERENCE_AGENT_MEDIA_ENGINE";
    public static final String LIBWEBRTC = "libwebrtc";
    public static final String PACKET = "packet";

    /** Speech is louder than -40 dBFS; the clips are spoken at about -20. */
    public static final double SPEECH_DBFS = -40;

    public static AgentVoice from(Settings settings) {
        InjectedFaults delay = InjectedFaults.parse(REPLY_DELAY, settings.getOrDefault(REPLY_DELAY, "800ms"), null, null, null, null);
        String endpointing = settings.getOrDefault(ENDPOINTING, "500");
        long endpointingMillis;
        try {
            endpointingMillis = Long.parseLong(endpointing.trim());
        } catch (NumberFormatException e) {
            endpointingMillis = -1;
        }
        if (endpointingMillis < 50 || endpointingMillis > 10_000) {
            throw new ConfigException(ENDPOINTING + ": must be whole milliseconds within 50..10000 (was " + endpointing + ")");
        }
        return new AgentVoice(delay, endpointingMillis, settings.flag(GREETS, true), settings.flag(REPLIES, true),
                SpeechClip.load(settings.getOrDefault(GREETING_CLIP, "voice/greeting.wav"), GREETING_CLIP),
                SpeechClip.load(settings.getOrDefault(REPLY_CLIP, "voice/reply.wav"), REPLY_CLIP),
                Pcm.rmsOfDbfs(SPEECH_DBFS), seed(settings), engine(settings), settings.flag(PUBLISHES_STATE, true),
                interruptAfterMillis(settings), thinkingPerCallMillis(settings));
    }

    private static String engine(Settings settings) {
        String engine = settings.getOrDefault(MEDIA_ENGINE, LIBWEBRTC).trim();
        if (!engine.equals(LIBWEBRTC) && !engine.equals(PACKET)) {
            throw new ConfigException(MEDIA_ENGINE + ": must be " + LIBWEBRTC + " or " + PACKET + " (was " + engine + ")");
        }
        return engine;
    }

    private static Long interruptAfterMillis(Settings settings) {
        String value = settings.getOrDefault(INTERRUPT_AFTER, "500").trim();
        return value.equals("never") ? null : millisUpTo10Seconds(INTERRUPT_AFTER, value, ", or never");
    }

    private static long thinkingPerCallMillis(Settings settings) {
        return millisUpTo10Seconds(THINKING_PER_CALL, settings.getOrDefault(THINKING_PER_CALL, "0").trim(), "");
    }

    private static long millisUpTo10Seconds(String setting, String value, String orElse) {
        try {
            long millis = Long.parseLong(value);
            if (millis >= 0 && millis <= 10_000) {
                return millis;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new ConfigException(setting + ": must be whole milliseconds within 0..10000" + orElse + " (was " + value + ")");
    }

    private static Long seed(Settings settings) {
        String value = settings.get(SEED).orElse(null);
        if (value == null) {
            return null;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new ConfigException(SEED + ": must be a whole number (was " + value + ")");
        }
    }

    /** The think-and-speak delays, one draw per reply: seeded when {@code seed} is given. */
    java.util.function.LongSupplier replyDelaysMillis() {
        if (seed == null) {
            return () -> replyDelay.mixDelayMicros(java.util.concurrent.ThreadLocalRandom.current()) / 1000;
        }
        java.util.Random random = new java.util.Random(seed);
        return () -> {
            synchronized (random) {
                return replyDelay.mixDelayMicros(random) / 1000;
            }
        };
    }
}
