package io.stella.harness.simulations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stella.harness.results.ResultSchemas;
import io.stella.harness.judgement.ExitCode;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Callers over real WebRTC media, run as a user runs them, against the embedded target and its agent. */
class VoiceConversationEndToEndIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String SHORT = "src/test/resources/profiles/voice-media-short.json";
    /** The short profile's callers do not wait for a greeting, so this agent gives none. */
    static final Map<String, String> SHORT_AGENT = Map.of("profile", SHORT, "REFERENCE_AGENT_REPLY_CLIP", "voice/short-reply.wav",
            "REFERENCE_AGENT_GREETS", "false");

    /**
     * The shipped profile: about 20 conversations at once, GO, and what a caller hears in summary.json
     * and the sign-off. The stand-in's agent answers 800 ms after 500 ms of silence, so voice to voice
     * reads 1,300 ms plus the pipeline's own delay (116 ms measured on its own in VoiceToVoiceTruthIT).
     * As shipped, not shortened: 35 s of steady load instead of 52 left 27 greetings, too few to bound
     * its P90 (INCONCLUSIVE).
     */
    @Test
    void theShippedVoiceMediaProfileGoesAndReportsWhatACallerHears() throws Exception {
        GatlingFork.Result run = GatlingFork.run("voice-media", VoiceConversationSimulation.class, Map.of());

        assertEquals(ExitCode.OK.code(), run.exitCode(), run.output());
        Path folder = run.onlyRunFolder();
        JsonNode summary = JSON.readTree(folder.resolve("summary.json").toFile());
        assertEquals("PASS", summary.get("status").asText());
        for (String metric : List.of("voiceToVoice", "timeToGreeting", "mediaSetup", "agentReply", "call")) {
            JsonNode percentiles = summary.get("voiceMetrics").get(metric).get("measured").get("percentilesMillis");
            assertTrue(percentiles.get("p50").isNumber() && percentiles.get("p95").isNumber(), metric + ": " + percentiles);
        }
        double voiceToVoiceP50 = summary.get("voiceMetrics").get("voiceToVoice").get("measured").get("percentilesMillis").get("p50").asDouble();
        assertTrue(voiceToVoiceP50 >= 1300 && voiceToVoiceP50 <= 1800, "voice to voice P50 " + voiceToVoiceP50);
        assertTrue(summary.get("peakSessionsHeld").asInt() >= 15, "conversations held at once: " + summary.get("peakSessionsHeld"));
        JsonNode media = summary.get("media");
        assertEquals(media.get("callsPlaced").asLong(), media.get("callsCompleted").asLong(), media.toString());
        assertTrue(media.get("audio").get("packetsReceived").asLong() > 1000, media.toString());
        assertTrue(media.get("audio").has("concealedPercent") && media.get("clock").has("latePercent"), media.toString());
        long lateBySecond = 0;
        for (JsonNode second : media.get("clock").get("lateTicksBySecond")) {
            lateBySecond += second.asLong();
        }
        assertTrue(media.get("clock").get("lateTicksBySecond").size() > 60 && lateBySecond <= media.get("clock").get("lateTicks").asLong(),
                "late ticks second by second, from the run's start: " + media.get("clock"));

        JsonNode responseTimes = item(JSON.readTree(folder.resolve("signoff.json").toFile()), "RESPONSE_TIME_TARGETS");
        assertEquals("PASS", responseTimes.get("status").asText(), responseTimes.toString());
        assertTrue(responseTimes.toString().contains("voiceToVoice P50") && responseTimes.toString().contains("timeToGreeting P90")
                && responseTimes.toString().contains("mediaSetup P90"), responseTimes.toString());
        assertTrue(responseTimes.get("evidence").get("audio received").asText().contains("% of packets lost"), responseTimes.toString());
        var intervals = io.stella.harness.latency.IntervalLogWindows.readMeasured(folder.resolve("latency.hlog"));
        assertEquals(summary.get("voiceMetrics").get("voiceToVoice").get("measured").get("count").asLong(),
                intervals.get("voiceToVoice").count(), "latency.hlog holds every voice to voice sample of the measured window");
        ResultSchemas.assertValid(folder);
        VoiceSessionEndToEndIT.assertNoSecretIn(run, List.of());
    }

    /**
     * The shipped hybrid profile, as docs/voice-and-media.md runs it: one call in 8 on libwebrtc, the
     * others and the target's agents on the packet engine. GO, and each engine's figures under its own
     * name: voice to voice as heard (through libwebrtc's jitter buffer and playout) and on the wire.
     */
    @Test
    void theShippedHybridProfileGoesWithEachEnginesVoiceToVoiceUnderItsOwnName() throws Exception {
        GatlingFork.Result run = GatlingFork.run("voice-media-hybrid", VoiceConversationSimulation.class,
                Map.of("profile", "voice-media-hybrid", "REFERENCE_AGENT_MEDIA_ENGINE", "packet"));

        assertEquals(ExitCode.OK.code(), run.exitCode(), run.output());
        Path folder = run.onlyRunFolder();
        JsonNode summary = JSON.readTree(folder.resolve("summary.json").toFile());
        assertEquals("PASS", summary.get("status").asText());
        JsonNode heard = summary.get("voiceMetrics").get("voiceToVoice").get("measured");
        JsonNode onTheWire = summary.get("voiceMetrics").get("voiceToVoiceWire").get("measured");
        assertTrue(heard.get("count").asLong() > 0 && onTheWire.get("count").asLong() >= 5 * heard.get("count").asLong(),
                "one call in 8 on libwebrtc: " + heard.get("count") + " heard, " + onTheWire.get("count") + " on the wire");
        double wireP50 = onTheWire.get("percentilesMillis").get("p50").asDouble();
        assertTrue(wireP50 >= 1300 && wireP50 <= 1400, "the agent answers 1,300 ms after the caller's last loud packet: " + wireP50);
        assertTrue(heard.get("percentilesMillis").get("p50").asDouble() > wireP50,
                "heard through a jitter buffer and playout, voice comes later than on the wire: " + heard + " vs " + onTheWire);
        JsonNode sent = summary.get("media").get("audioSent");
        assertTrue(sent.get("callsReported").asLong() > 0 && sent.get("packetsLostAtFarEnd").asLong() == 0,
                "the packet callers' audio as the agents' RTCP reports said it arrived: " + sent);
        ResultSchemas.assertValid(folder);
    }

    /**
     * One run of everything going wrong (a fork costs half a minute of the suite): the agent hears the
     * caller and never answers, so every turn is NO_REPLY and the run FAILs on it; a media worker killed
     * mid-call ends only its own calls (MEDIA_FAILED, the reason kept) and later calls get a new worker;
     * then the whole reference target is killed mid-call. The run goes to its end and writes a complete
     * results folder that says what happened.
     */
    @Test
    void anAgentThatNeverAnswersThenAWorkerAndTheTargetDyingMidCallGiveNoReplyFailuresAndACompleteFolder() throws Exception {
        Map<String, String> properties = new java.util.HashMap<>(SHORT_AGENT);
        properties.put("REFERENCE_AGENT_REPLIES", "false");
        // Timed from the simulation's start, not the JVM's: a call here lasts about 15 s (three turns waiting
        // 3 s each for a reply), and on a busy machine the JVM took 10 s to start, so kills at 26 and 34 s
        // after it came before any call had ended (callsCompleted 0).
        GatlingFork.Result run = GatlingFork.run("voice-media-failing", VoiceConversationSimulation.class, properties,
                "Simulation " + VoiceConversationSimulation.class.getName() + " started", List.of(
                        new GatlingFork.Step(Duration.ofSeconds(20), harness -> kill(harness, "MediaWorkerMain")),
                        new GatlingFork.Step(Duration.ofSeconds(28), harness -> kill(harness, "ReferenceTargetMain"))));

        assertEquals(ExitCode.NO_GO.code(), run.exitCode(), run.output());
        Path folder = run.onlyRunFolder();
        for (String file : List.of("summary.json", "latency.hlog", "signoff.md", "signoff.json", "signoff.html", "signoff-junit.xml")) {
            assertTrue(Files.isRegularFile(folder.resolve(file)), file + " in " + folder + "\n" + run.output());
        }
        ResultSchemas.assertValid(folder);
        JsonNode summary = JSON.readTree(folder.resolve("summary.json").toFile());
        assertEquals("FAIL", summary.get("status").asText());
        JsonNode voiceToVoice = summary.get("voiceMetrics").get("voiceToVoice").get("wholeRun");
        assertTrue(voiceToVoice.get("count").asLong() >= 6, voiceToVoice.toString());
        assertEquals(voiceToVoice.get("count").asLong(), voiceToVoice.get("errorsByKind").get("NO_REPLY").asLong(), voiceToVoice.toString());
        assertTrue(run.output().contains("FAIL  voiceToVoice errors <= 1 %"), run.output());
        JsonNode media = summary.get("media");
        assertTrue(media.get("failures").toString().contains("media worker 1 died (exit code 137)"), media.toString());
        assertTrue(media.get("clock").get("workers").asInt() >= 2, "a new worker after the first died: " + media);
        assertTrue(media.get("callsCompleted").asLong() >= 1, "calls before the kills went to their end: " + media);
        assertTrue(summary.get("voiceMetrics").get("call").get("wholeRun").get("errorsByKind").get("MEDIA_FAILED").asLong() >= 2,
                summary.get("voiceMetrics").get("call").toString());
        // The target's death, seen by the calls then in flight (their signaling dropped) and by the backend calls after it.
        assertTrue(media.get("failures").toString().contains("the signaling socket"), media.toString());
        assertTrue(summary.get("requests").get("endSession").get("wholeRun").get("errorsByKind").has("CONNECTION"),
                summary.get("requests").get("endSession").toString());
        VoiceSessionEndToEndIT.assertNoSecretIn(run, List.of());
    }

    private static void kill(Process harness, String mainClass) {
        Optional<ProcessHandle> child = harness.toHandle().descendants().filter(process -> commandLine(process).contains(mainClass))
                .findFirst();
        assertTrue(child.isPresent(), "no " + mainClass + " under the harness to kill");
        child.get().destroyForcibly();
    }

    /** The whole command line: ProcessHandle's is cut short, and a JVM's class path is long. */
    private static String commandLine(ProcessHandle process) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(process.pid()), "cmdline")).replace('\0', ' ');
        } catch (java.io.IOException e) {
            return "";
        }
    }

    static JsonNode item(JsonNode signOff, String name) {
        for (JsonNode item : signOff.get("items")) {
            if (item.get("item").asText().equals(name)) {
                return item;
            }
        }
        throw new AssertionError("no item " + name + " in " + signOff);
    }
}
