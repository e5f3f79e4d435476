package io.stella.harness.signoff.probes;

import io.stella.harness.reference.ReferenceSettings;
import io.stella.harness.reference.ReferenceSwitches;
import io.stella.harness.reference.ReferenceTarget;
import io.stella.harness.signoff.ChecklistItem;
import io.stella.harness.signoff.ItemResult;
import io.stella.harness.signoff.ItemStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each probe against the reference target as it ships (PASS), and against one with exactly that
 * production feature switched off (FAIL) while every other item still passes.
 */
class ProbesAgainstTheReferenceTest {

    /** Probes that can pass on loopback (HTTPS cannot: it is NOT RUN there). */
    static final Set<String> LOOPBACK_PROBES = Set.of("connectionReuse", "staticAssetCaching", "rateLimiting", "cors",
            "apiAuthentication", "livekitTokens", "healthChecks", "keyMetrics", "requestIds", "databaseIndexes");
    /**
     * The same without the database-index probe, whose 20,000 sessions created and ended take over a
     * minute even with rate limiting off: DatabaseIndexesProbeIT runs it, where the list index is (or is not) there.
     */
    static final Set<String> QUICK_PROBES = LOOPBACK_PROBES.stream().filter(name -> !name.equals("databaseIndexes"))
            .collect(java.util.stream.Collectors.toUnmodifiableSet());

    @Test
    void theReferenceTargetAsItShipsPassesEveryProbe() {
        try (ReferenceTarget reference = ProbeFixtures.reference(Map.of())) {
            List<ItemResult> results = Probes.run(ProbeFixtures.targetOf(reference), QUICK_PROBES);

            assertEquals(QUICK_PROBES.size(), results.size());
            results.forEach(result -> assertEquals(ItemStatus.PASS, result.status(), result.item() + ": " + result.reason()));
        }
    }

    @ParameterizedTest(name = "{0}={1} fails {2} only")
    @CsvSource(delimiter = '|', textBlock = """
            REFERENCE_KEEP_ALIVE              | false | CONNECTION_REUSE
            REFERENCE_CACHE_HEADERS           | false | CDN_CONFIGURED
            REFERENCE_RATE_LIMIT_PER_SEC      | 0     | RATE_LIMITING_ENABLED
            REFERENCE_CORS_ALLOW_LIST         | false | CORS_CONFIGURED
            REFERENCE_AUTH_REQUIRED           | false | API_AUTHENTICATION
            REFERENCE_LIVEKIT_VERIFIES_TOKENS | false | LIVEKIT_TOKENS_VALIDATED
            REFERENCE_AGENT_METRICS           | false | KEY_METRICS_DEFINED
            REFERENCE_REQUEST_IDS             | false | CROSS_SERVICE_CORRELATION
            """)
    void switchingAFeatureOffFailsItsItemAndNoOther(String setting, String value, ChecklistItem failing) {
        try (ReferenceTarget reference = ProbeFixtures.reference(Map.of(setting, value))) {
            List<ItemResult> results = Probes.run(ProbeFixtures.targetOf(reference), QUICK_PROBES);

            assertEquals(QUICK_PROBES.size(), results.size());
            for (ItemResult result : results) {
                ItemStatus expected = result.item() == failing ? ItemStatus.FAIL : ItemStatus.PASS;
                assertEquals(expected, result.status(), result.item() + ": " + result.reason() + " " + result.evidence());
            }
        }
    }

    @Test
    void droppingTheListIndexFailsNoOtherItem() {
        try (ReferenceTarget reference = ProbeFixtures.reference(Map.of("REFERENCE_LIST_INDEX", "false"))) {
            List<ItemResult> others = Probes.run(ProbeFixtures.targetOf(reference), QUICK_PROBES);

            assertEquals(QUICK_PROBES.size(), others.size());
            others.forEach(result -> assertEquals(ItemStatus.PASS, result.status(), result.item() + ": " + result.reason()));
        }
    }

    @Test
    void theSwitchesAreNamedAsTheTestSaysThemAndDefaultOn() {
        assertEquals(ReferenceSwitches.ALL_ON, ReferenceSettings.from(new io.stella.harness.config.Settings(Map.of())).switches());
        assertEquals("REFERENCE_KEEP_ALIVE", ReferenceSwitches.KEEP_ALIVE);
        assertEquals("REFERENCE_LIST_INDEX", ReferenceSwitches.LIST_INDEX);
        assertTrue(Probes.names().containsAll(io.stella.harness.config.KnownNames.NAMED_ONLY_PROBES),
                "the probes a profile must name are real probes");
        assertEquals("REFERENCE_FAST_SHEDDING", ReferenceSwitches.FAST_SHEDDING);
        assertEquals("REFERENCE_AGENT_METRICS", ReferenceSwitches.AGENT_METRICS);
        assertEquals("REFERENCE_REQUEST_IDS", ReferenceSwitches.REQUEST_IDS);
        assertEquals("REFERENCE_RATE_LIMIT_PER_SEC", ReferenceSettings.RATE_LIMIT);
    }
}
