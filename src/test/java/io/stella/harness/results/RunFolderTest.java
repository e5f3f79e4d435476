package io.stella.harness.results;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunFolderTest {

    @TempDir
    Path results;

    @Test
    void aRunFolderIsNamedByProfileAndUtcTime() throws IOException {
        Path folder = RunFolder.create(results, "smoke", Instant.parse("2026-11-27T01:02:03.456Z"));

        assertEquals(results.resolve("smoke-20261127T010203Z"), folder);
        assertTrue(Files.isDirectory(folder));
    }

    @Test
    void twoRunsInTheSameSecondNeverShareAFolder() throws IOException {
        Instant now = Instant.parse("2026-11-27T01:02:03Z");
        Path first = RunFolder.create(results, "load", now);
        Files.writeString(first.resolve("summary.json"), "{}");

        Path second = RunFolder.create(results, "load", now);

        assertEquals(results.resolve("load-20261127T010203Z-2"), second);
        assertEquals("{}", Files.readString(first.resolve("summary.json")));
    }
}
