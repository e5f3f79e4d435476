package io.stella.harness.signoff.probes;

import io.stella.harness.signoff.ItemResult;
import io.stella.harness.signoff.ItemStatus;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** All probes, by the names a profile uses, and running them so that one probe's trouble stays its own. */
public final class Probes {

    /** How many requests the rate-limiting burst may send before it counts the limit as missing. */
    public static final int RATE_LIMIT_BURST = 3000;
    /** How many sessions the database-index probe adds to see whether the list cost grows with the table. */
    public static final int DATABASE_SEED_ROWS = 20_000;
    static final int DATABASE_LIST_SAMPLES = 200;

    private Probes() {
    }

    public static List<Probe> all() {
        return List.of(new ConnectionReuseProbe(), new StaticAssetCachingProbe(), new RateLimitingProbe(RATE_LIMIT_BURST),
                new CorsProbe(), new ApiAuthenticationProbe(), new LivekitTokensProbe(), new HealthChecksProbe(),
                new KeyMetricsProbe(), new RequestIdsProbe(), new HttpsProbe(),
                // last: it grows the table, which no other probe should see
                new DatabaseIndexesProbe(DATABASE_SEED_ROWS, DATABASE_LIST_SAMPLES));
    }

    public static Set<String> names() {
        return Set.copyOf(all().stream().map(Probe::name).toList());
    }

    /** Runs the probes named (all when {@code names} is null), each on its own. */
    public static List<ItemResult> run(ProbeTarget target, Set<String> names) {
        List<ItemResult> results = new ArrayList<>();
        for (Probe probe : all()) {
            if (names == null || names.contains(probe.name())) {
                results.addAll(runOne(probe, target));
            }
        }
        return results;
    }

    static List<ItemResult> runOne(Probe probe, ProbeTarget target) {
        try {
            return probe.run(target);
        } catch (IOException e) {
            return List.of(new ItemResult(probe.item(), ItemStatus.FAIL, "the target did not answer the probe: " + e,
                    Map.of(), "probe " + probe.name()));
        } catch (Exception e) {
            return List.of(new ItemResult(probe.item(), ItemStatus.INCONCLUSIVE, "the probe itself failed: " + e,
                    Map.of(), "probe " + probe.name()));
        }
    }
}
