package io.stella.harness.livekit.media;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The agent heard over the caller's prompt: each start a premature reply, its speech counted up to the prompt's end. */
class TalkOverTallyTest {

    private static final long MS = 1_000_000;
    private static final Mouth.Spoken PROMPT = new Mouth.Spoken(1_000 * MS, 3_000 * MS);

    @Test
    void speechBeforeThePromptOrAfterItIsNoTalkOver() {
        TalkOverTally tally = new TalkOverTally(PROMPT);

        tally.heard(new VoiceActivity.Started(500 * MS));
        tally.heard(new VoiceActivity.Ended(500 * MS, 900 * MS, 920 * MS, 1_400 * MS));

        assertEquals(CallReport.TalkOver.NONE, tally.tally());
    }

    @Test
    void eachStartDuringThePromptIsAPrematureReplyAndItsSpeechCountsUpToThePromptsEnd() {
        TalkOverTally tally = new TalkOverTally(PROMPT);

        tally.heard(new VoiceActivity.Started(1_500 * MS));
        tally.heard(new VoiceActivity.Ended(1_500 * MS, 1_780 * MS, 1_800 * MS, 2_300 * MS)); // 300 ms over the caller
        tally.heard(new VoiceActivity.Started(2_600 * MS)); // still talking when the prompt ended: 400 ms more

        assertEquals(new CallReport.TalkOver(2, 700), tally.tally());
    }

    @Test
    void speechThatEndsAfterThePromptCountsOnlyToItsEnd() {
        TalkOverTally tally = new TalkOverTally(PROMPT);

        tally.heard(new VoiceActivity.Started(2_900 * MS));
        tally.heard(new VoiceActivity.Ended(2_900 * MS, 3_480 * MS, 3_500 * MS, 4_000 * MS));

        assertEquals(new CallReport.TalkOver(1, 100), tally.tally());
    }
}
