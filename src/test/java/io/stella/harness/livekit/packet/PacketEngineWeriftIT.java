package io.stella.harness.livekit.packet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stella.harness.livekit.media.AudioPacer;
import io.stella.harness.livekit.media.Pcm;
import io.stella.harness.livekit.media.SpeechClip;
import io.stella.harness.livekit.media.VoiceActivity;
import io.stella.harness.testing.PinnedNpmPackages;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The packet engine against a WebRTC stack nobody here wrote and that is not libwebrtc: werift
 * (TypeScript, its own ICE, DTLS and SRTP), pinned by src/test/resources/werift-peer/package-lock.json.
 * werift answers our offer and hears the caller's voice, then offers a connection of its own and
 * sends every packet it heard back: the packet engine hears its own voice come back through werift.
 * Both DTLS roles: we are the server on the first connection and the client on the second.
 */
class PacketEngineWeriftIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SOURCE = Path.of("src/test/resources/werift-peer");
    private static final Path INSTALLED = Path.of("target/werift-peer");

    @Test
    void weriftHearsThePacketEngineAndWhatItSendsBackIsHeard() throws Exception {
        assumeTrue(PinnedNpmPackages.onPath("node") && PinnedNpmPackages.onPath("npm"),
                "skipped: node and npm are not on the PATH (they install and run werift)");
        Path peer = PinnedNpmPackages.installed(SOURCE, INSTALLED, List.of("package.json", "package-lock.json", "echo-peer.mjs"));
        Process werift = new ProcessBuilder("node", "echo-peer.mjs").directory(peer.toFile())
                .redirectError(INSTALLED.resolve("echo-peer.log").toFile()).start();
        ExecutorService handshakes = Executors.newCachedThreadPool();
        BlockingQueue<VoiceActivity.Change> heard = new LinkedBlockingQueue<>();
        try (AudioPacer pacer = new AudioPacer("werift-test", PacketMouth.TICK_NANOS);
             PacketConnection speaking = new PacketConnection(DtlsIdentity.generate(), true, handshakes);
             PacketConnection listening = new PacketConnection(DtlsIdentity.generate(), false, handshakes)) {
            PrintWriter toWerift = new PrintWriter(werift.getOutputStream(), true, StandardCharsets.UTF_8);
            BufferedReader fromWerift = new BufferedReader(new InputStreamReader(werift.getInputStream(), StandardCharsets.UTF_8));
            PacketMouth mouth = new PacketMouth(speaking, OpusClip.silence(), PacketMouth.Silence.CONTINUOUS, LocalDescriptions.OPUS_PAYLOAD_TYPE,
                    LocalDescriptions.AUDIO_LEVEL_ID);

            toWerift.println(JSON.createObjectNode().put("offer",
                    LocalDescriptions.publishingOffer(speaking.local(), "stream-w", "TR_werift", mouth.ssrc())));
            RemoteDescription answer = RemoteDescription.parse(line(fromWerift).get("answer").asText());
            speaking.start(answer, answer.setup().equals("passive"), 0);
            RemoteDescription offer = RemoteDescription.parse(line(fromWerift).get("offer").asText());
            listening.onRtp(new PacketEar(Pcm.rmsOfDbfs(-40), 300, heard::add));
            toWerift.println(JSON.createObjectNode().put("answer", LocalDescriptions.receivingAnswer(offer, listening.local())));
            listening.start(offer, !offer.setup().equals("active"), offer.opusAudio().orElseThrow().audioLevelId());
            speaking.up().get(15, TimeUnit.SECONDS);
            listening.up().get(15, TimeUnit.SECONDS);

            pacer.add(mouth);
            long spokenAt = System.nanoTime();
            mouth.say(OpusClip.encode(SpeechClip.tone("tone", 440, 600, -20))).get(5, TimeUnit.SECONDS);
            VoiceActivity.Change first = heard.poll(5, TimeUnit.SECONDS);
            assertInstanceOf(VoiceActivity.Started.class, first, "our voice came back through werift; packets: "
                    + listening.packetsReceived());
            assertTrue(((VoiceActivity.Started) first).atNanos() > spokenAt);
            pacer.remove(mouth);

            toWerift.println("{\"done\":true}");
            JsonNode stats = line(fromWerift);
            assertTrue(stats.get("received").asLong() >= 20, "werift decrypted what we sent (the tone is 30 packets): " + stats);
            assertEquals(0, listening.decryptFailures());
        } finally {
            werift.destroy();
            handshakes.shutdownNow();
        }
    }

    private static JsonNode line(BufferedReader from) throws Exception {
        String line = from.readLine();
        assertTrue(line != null, "werift ended early; see " + INSTALLED.resolve("echo-peer.log"));
        return JSON.readTree(line);
    }
}
