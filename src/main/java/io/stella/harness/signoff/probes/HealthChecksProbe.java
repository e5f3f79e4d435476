package io.stella.harness.signoff.probes;

import io.stella.harness.signoff.ChecklistItem;
import io.stella.harness.signoff.ItemResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Liveness and readiness answer 200, each within {@value #LIMIT_MILLIS} ms, {@value #CALLS} times in
 * a row. (Under load they are judged by the profile's thresholds on {@code healthz} and {@code readyz}.)
 */
public final class HealthChecksProbe extends Probe {

    static final int CALLS = 10;
    static final long LIMIT_MILLIS = 1000;

    public HealthChecksProbe() {
        super("healthChecks", ChecklistItem.HEALTH_CHECKS_CONFIGURED);
    }

    @Override
    public List<ItemResult> run(ProbeTarget target) throws Exception {
        ProbeHttp http = new ProbeHttp(target);
        Map<String, Object> evidence = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (String path : List.of(target.paths().healthz(), target.paths().readyz())) {
            long slowestMillis = 0;
            Map<Integer, Integer> statuses = new LinkedHashMap<>();
            for (int i = 0; i < CALLS; i++) {
                long startNanos = System.nanoTime();
                int status = http.send(http.request(path).GET()).statusCode();
                slowestMillis = Math.max(slowestMillis, (System.nanoTime() - startNanos) / 1_000_000);
                statuses.merge(status, 1, Integer::sum);
            }
            evidence.put(path + " statuses", statuses);
            evidence.put(path + " slowest ms", slowestMillis);
            if (!statuses.keySet().equals(java.util.Set.of(200))) {
                problems.add(path + " answered " + statuses);
            }
            if (slowestMillis > LIMIT_MILLIS) {
                problems.add(path + " took " + slowestMillis + " ms (limit " + LIMIT_MILLIS + ")");
            }
        }
        return List.of(outcome(problems, "liveness and readiness answer 200 within " + LIMIT_MILLIS + " ms", evidence));
    }
}
