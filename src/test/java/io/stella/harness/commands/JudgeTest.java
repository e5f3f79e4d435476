package io.stella.harness.commands;

import io.stella.harness.judgement.ExitCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The judge command's mistakes: one line each, exit code for invalid input, nothing judged. */
class JudgeTest {

    @TempDir
    Path dir;

    @Test
    void withoutAFolderItSaysHowToCallIt() {
        assertEquals("judge: no results folder given; " + Judge.USAGE, judged(ExitCode.INVALID_CONFIG));
    }

    @Test
    void anUnknownFlagIsNamed() {
        assertEquals("judge: unexpected argument --thresold; " + Judge.USAGE, judged(ExitCode.INVALID_CONFIG,
                dir.toString(), "--thresold", "x.json"));
    }

    @Test
    void aFolderThatHoldsNoResultsIsNamed() {
        assertEquals("judge: " + dir + " is not a results folder (no summary.json in it)", judged(ExitCode.INVALID_CONFIG,
                dir.toString()));
    }

    @Test
    void aShardedRunWithoutInjectorFoldersIsNamed() throws Exception {
        Files.createDirectories(dir.resolve("injectors"));

        assertEquals("judge: " + dir.resolve("injectors") + " holds no injector's folder", judged(ExitCode.INVALID_CONFIG,
                dir.toString()));
    }

    @Test
    void aMissingThresholdsFileIsNamed() {
        assertEquals("judge: --thresholds " + dir.resolve("none.json") + ": no such file", judged(ExitCode.INVALID_CONFIG,
                dir.toString(), "--thresholds", dir.resolve("none.json").toString()));
    }

    private static String judged(ExitCode expected, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(expected, Judge.run(args, new PrintStream(out, true, StandardCharsets.UTF_8)));
        return out.toString(StandardCharsets.UTF_8).strip();
    }
}
