package io.stella.harness.livekit.media;

import io.stella.harness.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Speech clips: the shipped ones load as whole 10 ms frames at 48 kHz; anything else is one clear line. */
class SpeechClipTest {

    @Test
    void theShippedPromptsLoadAtFortyEightKilohertzInWholeFrames() {
        for (String prompt : io.stella.harness.config.ConversationShape.SHIPPED_PROMPTS) {
            SpeechClip clip = SpeechClip.load(prompt, "test");
            assertTrue(clip.durationMillis() > 1000 && clip.durationMillis() < 5000, prompt + ": " + clip.durationMillis() + " ms");
            assertEquals(0, clip.pcm().length % Pcm.BYTES_PER_FRAME);
            assertTrue(Pcm.rms(clip.pcm(), clip.pcm().length) > Pcm.rmsOfDbfs(-30), prompt + " is speech, not silence");
        }
    }

    @Test
    void aToneLastsExactlyAsLongAsAsked() {
        SpeechClip tone = SpeechClip.tone("tone", 440, 600, -20);

        assertEquals(600, tone.durationMillis());
        assertEquals(Pcm.rmsOfDbfs(-20), Pcm.rms(tone.pcm(), tone.pcm().length), 50);
    }

    @Test
    void aFileThatIsNotWavIsRefusedInOneLineNamingTheSetting(@TempDir Path dir) throws Exception {
        Path notWav = dir.resolve("notes.wav");
        Files.writeString(notWav, "not audio at all");

        ConfigException refused = assertThrows(ConfigException.class, () -> SpeechClip.load(notWav.toString(), "/conversation/prompts/0"));

        assertTrue(refused.getMessage().startsWith("/conversation/prompts/0: " + notWav + " is not a WAV file"), refused.getMessage());
        assertTrue(!refused.getMessage().contains("\n"), refused.getMessage());
    }

    @Test
    void aMissingClipIsRefusedNamingWhereItWasLookedFor() {
        ConfigException refused = assertThrows(ConfigException.class, () -> SpeechClip.load("voice/nope.wav", "REFERENCE_AGENT_REPLY_CLIP"));

        assertEquals("REFERENCE_AGENT_REPLY_CLIP: no such clip on the classpath or on disk: voice/nope.wav", refused.getMessage());
    }
}
