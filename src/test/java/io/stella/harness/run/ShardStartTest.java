package io.stella.harness.run;

import io.stella.harness.config.ConfigException;
import io.stella.harness.config.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How the injectors of a sharded run agree on the instant their load starts. */
class ShardStartTest {

    static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    @TempDir
    Path results;

    static Clock at(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }

    @Test
    void theFirstInjectorProposesAStartAheadAndTheOthersTakeIt() throws Exception {
        Instant first = ShardStart.agree(new Settings(Map.of()), results, "run-1", at(NOW));
        Instant second = ShardStart.agree(new Settings(Map.of()), results, "run-1", at(NOW.plusSeconds(3)));

        assertEquals(NOW.plusSeconds(ShardStart.DEFAULT_DELAY_SEC), first);
        assertEquals(first, second);
        assertEquals(first.toString(), Files.readString(results.resolve("run-1").resolve(ShardStart.FILE_NAME)));
    }

    @Test
    void aGivenInstantIsTakenAsItIsInEitherForm() {
        assertEquals(NOW.plusSeconds(5), ShardStart.agree(new Settings(Map.of(ShardStart.START_AT, "2026-12-01T10:00:05Z")),
                results, "run-2", at(NOW)));
        assertEquals(NOW.plusSeconds(5), ShardStart.agree(new Settings(Map.of(ShardStart.START_AT,
                Long.toString(NOW.plusSeconds(5).toEpochMilli()))), results, "run-2", at(NOW)));
    }

    @Test
    void aWaitThatIsInterruptedDoesNotStartEarly() {
        Thread.currentThread().interrupt();

        assertThrows(InterruptedException.class, () -> ShardStart.await(Instant.now().plusSeconds(30), Clock.systemUTC()));
    }

    @Test
    void anInjectorThatWouldStartLateRefusesSayingSo() {
        ConfigException late = assertThrows(ConfigException.class, () -> ShardStart.agree(new Settings(Map.of(
                ShardStart.START_AT, "2026-12-01T10:00:00Z")), results, "run-3", at(NOW.plusSeconds(4))));

        assertEquals("-Dshard.startAt: the injectors' start 2026-12-01T10:00:00Z passed 4 s ago; this injector would measure"
                + " a window the others did not (a run id used before? choose another STELLA_RUN_ID; nothing was sent)",
                late.getMessage());
    }

    @Test
    void aStartWithinTheAllowedSkewGoesAhead() {
        assertEquals(NOW, ShardStart.agree(new Settings(Map.of(ShardStart.START_AT, "2026-12-01T10:00:00Z")), results, "run-4",
                at(NOW.plusMillis(900))));
    }

    @Test
    void aStartThatIsNoInstantIsNamed() {
        ConfigException wrong = assertThrows(ConfigException.class, () -> ShardStart.agree(new Settings(Map.of(
                ShardStart.START_AT, "soon")), results, "run-5", at(NOW)));

        assertTrue(wrong.getMessage().startsWith("-Dshard.startAt: must be an instant such as 2026-12-01T10:00:00Z"),
                wrong.getMessage());
    }
}
