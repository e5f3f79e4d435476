package io.stella.harness.signoff.probes;

import io.stella.harness.signoff.ChecklistItem;
import io.stella.harness.signoff.ItemResult;
import io.stella.harness.signoff.ItemStatus;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * {@code /metrics} exposes, in Prometheus text, a metric for each key metric the checklist names:
 * request latency, errors, active sessions, agent pod count, database connections. Names are matched by what they
 * say, since deployments name them differently.
 */
public final class KeyMetricsProbe extends Probe {

    /** Each key metric the checklist names, and how a metric name shows it is that one (in checklist order). */
    static final Map<String, Predicate<String>> KEY_METRICS = keyMetrics();

    private static Map<String, Predicate<String>> keyMetrics() {
        Map<String, Predicate<String>> metrics = new LinkedHashMap<>();
        metrics.put("request latency", name -> name.contains("request") && (name.contains("duration") || name.contains("latency")));
        metrics.put("error rates", name -> name.contains("error"));
        metrics.put("active sessions", name -> name.contains("session") && name.contains("active"));
        metrics.put("agent pod count", name -> name.contains("agent") && (name.contains("pod") || name.contains("worker")));
        metrics.put("database connections", name -> (name.contains("db") || name.contains("database") || name.contains("pool"))
                && name.contains("connection"));
        return java.util.Collections.unmodifiableMap(metrics);
    }

    public KeyMetricsProbe() {
        super("keyMetrics", ChecklistItem.KEY_METRICS_DEFINED);
    }

    @Override
    public List<ItemResult> run(ProbeTarget target) throws Exception {
        ProbeHttp http = new ProbeHttp(target);
        HttpResponse<String> answer = http.send(http.request(target.paths().metrics()).GET());
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("status", answer.statusCode());
        if (answer.statusCode() != 200) {
            return List.of(result(ItemStatus.FAIL, target.paths().metrics() + " answered " + answer.statusCode(), evidence));
        }
        Set<String> names = metricNames(answer.body());
        List<String> missing = new ArrayList<>();
        KEY_METRICS.forEach((key, matches) -> {
            List<String> found = names.stream().filter(matches).toList();
            evidence.put(key, found.isEmpty() ? "(missing)" : found);
            if (found.isEmpty()) {
                missing.add(key);
            }
        });
        return List.of(missing.isEmpty() ? result(ItemStatus.PASS, "all five key metrics exposed", evidence)
                : result(ItemStatus.FAIL, "missing: " + String.join(", ", missing), evidence));
    }

    /** Metric names of a Prometheus text exposition: the first token of each sample line. */
    static Set<String> metricNames(String exposition) {
        Set<String> names = new TreeSet<>();
        for (String line : exposition.split("\n")) {
            String trimmed = line.trim();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int end = 0;
            while (end < trimmed.length() && (Character.isLetterOrDigit(trimmed.charAt(end)) || trimmed.charAt(end) == '_'
                    || trimmed.charAt(end) == ':')) {
                end++;
            }
            if (end > 0) {
                names.add(trimmed.substring(0, end).toLowerCase());
            }
        }
        return names;
    }

    private ItemResult result(ItemStatus status, String reason, Map<String, Object> evidence) {
        return new ItemResult(ChecklistItem.KEY_METRICS_DEFINED, status, reason, evidence, "probe " + name());
    }
}
