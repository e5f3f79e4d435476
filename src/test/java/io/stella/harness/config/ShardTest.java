package io.stella.harness.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ShardTest {

    @TempDir
    Path dir;

    @Test
    void aShardComesFromTheFlagOrFromAnIndexedJob() {
        assertEquals(Optional.of(new Shard(1, 3)), Shard.from(new Settings(Map.of("shard", "1/3"))));
        assertEquals(Optional.of(new Shard(2, 4)), Shard.from(new Settings(Map.of("JOB_COMPLETION_INDEX", "2",
                "STELLA_INJECTORS", "4"))));
        assertEquals(Optional.empty(), Shard.from(new Settings(Map.of())));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            3/3   | -Dshard=3/3: needs 1 <= count <= 1000 and 0 <= index < count
            1-3   | -Dshard=1-3: must read <index>/<count>, e.g. 0/3 (index from 0)
            0/0   | -Dshard=0/0: needs 1 <= count <= 1000 and 0 <= index < count
            """)
    void aBadShardIsOneLineNamingTheFlag(String text, String expected) {
        assertEquals(expected, assertThrows(ConfigException.class, () -> Shard.from(new Settings(Map.of("shard", text))))
                .getMessage());
    }

    @Test
    void anIndexedJobNeedsTheCountAndEveryShardARunId() {
        assertEquals("JOB_COMPLETION_INDEX is set (an Indexed Job): set STELLA_INJECTORS to the number of injectors as well",
                assertThrows(ConfigException.class, () -> Shard.from(new Settings(Map.of("JOB_COMPLETION_INDEX", "0"))))
                        .getMessage());
        assertEquals("nightly-42", Shard.runId(new Settings(Map.of("STELLA_RUN_ID", "nightly-42"))));
        assertEquals("STELLA_RUN_ID: must be letters, digits, '.', '_' or '-', at most 100 (was ../x)",
                assertThrows(ConfigException.class, () -> Shard.runId(new Settings(Map.of("STELLA_RUN_ID", "../x")))).getMessage());
    }

    @Test
    void eachInjectorSendsItsShareAndTheShareOfEachFloorAndCeiling() throws Exception {
        Path file = Files.writeString(dir.resolve("p.json"), """
                {"description": "d", "load": {"warmUpSec": 2, "warmUpRatePerSec": 3, "ratePerSec": 30, "steadySec": 10,
                  "spike": {"factor": 2, "atSec": 1, "holdSec": 2}},
                 "mix": {"journey": 1}, "probes": ["cors"], "limits": {"maxRatePerSec": 90, "maxConcurrentRequests": 100},
                 "thresholds": {"all": {"maxErrorPercent": 1, "minThroughputPerSec": 60, "maxMillisAtPercentile": {"99": 200}}}}""");
        Profile whole = ProfileLoader.load(file, new KnownNames("BackendApiSimulation", Set.of("journey"), Set.of(), Set.of("cors")));

        Profile second = whole.forShard(new Shard(1, 3));

        assertEquals(new LoadShape(2, 1, 0, 10, 10, null, new Spike(2, 1, 2)), second.load());
        assertEquals(new Limits(30, 34), second.limits());
        assertEquals(List.of(new Threshold.PercentileLimit("all", 99, 200), new Threshold.ErrorRateLimit("all", 1),
                new Threshold.ThroughputFloor("all", 20)), second.thresholds());
        assertEquals(Set.of(), second.probes(), "only injector 0 probes");
        assertEquals(Set.of("cors"), whole.forShard(new Shard(0, 3)).probes());
        assertEquals(whole.thresholds(), new Shard(1, 3).whole(second.thresholds()), "thresholds.json holds the whole run's");
    }
}
