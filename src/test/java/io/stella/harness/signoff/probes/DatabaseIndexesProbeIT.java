package io.stella.harness.signoff.probes;

import io.stella.harness.reference.ReferenceTarget;
import io.stella.harness.signoff.ItemResult;
import io.stella.harness.signoff.ItemStatus;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The database-index probe against the reference target with its list index and without: each grows the
 * table by 20,000 sessions through the API (rate limiting off so they go in at full speed), about 40 s a
 * target, so it runs with the end-to-end runs. At 8,000 rows the unindexed list's median grew only 1.8x
 * on this machine, inside what a busy machine does to an indexed one (1.4x): the probe adds 20,000.
 */
class DatabaseIndexesProbeIT {

    @Test
    void theIndexedListPassesTheDatabaseIndexProbe() {
        // Rate limiting off so the 8,000 sessions are added at full speed; only this probe runs.
        try (ReferenceTarget reference = ProbeFixtures.reference(Map.of("REFERENCE_RATE_LIMIT_PER_SEC", "0"))) {
            List<ItemResult> results = Probes.run(ProbeFixtures.targetOf(reference), Set.of("databaseIndexes"));
            System.out.println(results.get(0).reason() + " " + results.get(0).evidence());

            assertEquals(1, results.size());
            assertEquals(ItemStatus.PASS, results.get(0).status(), results.get(0).reason() + " " + results.get(0).evidence());
        }
    }

    @Test
    void droppingTheListIndexFailsDatabaseIndexes() {
        try (ReferenceTarget reference = ProbeFixtures.reference(Map.of("REFERENCE_LIST_INDEX", "false",
                "REFERENCE_RATE_LIMIT_PER_SEC", "0"))) {
            List<ItemResult> results = Probes.run(ProbeFixtures.targetOf(reference), Set.of("databaseIndexes"));
            System.out.println(results.get(0).reason() + " " + results.get(0).evidence());

            assertEquals(ItemStatus.FAIL, results.get(0).status(), results.get(0).reason() + " " + results.get(0).evidence());
            assertTrue(results.get(0).reason().contains("the list is not served by an index"), results.get(0).reason());
        }
    }

}
