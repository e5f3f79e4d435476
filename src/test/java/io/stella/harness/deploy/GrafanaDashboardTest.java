package io.stella.harness.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.stella.harness.config.LoadShape;
import io.stella.harness.config.Threshold;
import io.stella.harness.live.FixedSources;
import io.stella.harness.live.LiveSeries;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * deploy/grafana/stella-harness.json is Grafana's dashboard model (what Grafana's import reads: uid,
 * title, schemaVersion, templating, panels with a grid position, a Prometheus datasource and targets
 * with refId and expr), and every series its queries name is one the harness exports; the scrape
 * configuration keeps the injector pods' metrics port. That each query returns data from a real
 * Prometheus is LiveMetricsEndToEndIT's.
 */
class GrafanaDashboardTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SERIES = Pattern.compile("\\b(stella_harness_[a-z_]+)");

    @Test
    void theDashboardIsGrafanasModelWithARunPickerAndAPrometheusDatasource() throws IOException {
        JsonNode dashboard = JSON.readTree(Path.of("deploy/grafana/stella-harness.json").toFile());

        assertEquals("stella-harness", dashboard.get("uid").asText());
        assertTrue(dashboard.get("schemaVersion").isInt() && dashboard.get("title").isTextual(), dashboard.toString());
        List<String> variables = new ArrayList<>();
        dashboard.get("templating").get("list").forEach(variable -> variables.add(variable.get("name").asText()));
        assertEquals(List.of("datasource", "run_id"), variables);
        Set<Integer> ids = new HashSet<>();
        for (JsonNode panel : dashboard.get("panels")) {
            String title = panel.get("title").asText();
            assertTrue(ids.add(panel.get("id").asInt()), "panel ids are unique: " + title);
            assertTrue(Set.of("timeseries", "table", "stat").contains(panel.get("type").asText()), title);
            JsonNode grid = panel.get("gridPos");
            assertTrue(grid.get("x").asInt() + grid.get("w").asInt() <= 24 && grid.get("h").asInt() > 0, "fits 24 columns: " + title);
            assertEquals("${datasource}", panel.get("datasource").get("uid").asText(), title);
            assertTrue(panel.get("targets").size() > 0, title);
            Set<String> refIds = new HashSet<>();
            for (JsonNode target : panel.get("targets")) {
                assertTrue(refIds.add(target.get("refId").asText()), "refIds are unique in " + title);
                assertTrue(target.get("expr").asText().contains("run_id=~\"$run_id\""), "every query is the picked run's: " + target);
            }
        }
    }

    @Test
    void everySeriesTheDashboardQueriesIsOneTheHarnessExports() throws IOException {
        JsonNode dashboard = JSON.readTree(Path.of("deploy/grafana/stella-harness.json").toFile());
        Set<String> exported = exportedSeries();

        List<String> unknown = new ArrayList<>();
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.get("targets")) {
                Matcher named = SERIES.matcher(target.get("expr").asText());
                while (named.find()) {
                    if (!exported.contains(named.group(1))) {
                        unknown.add(named.group(1));
                    }
                }
            }
        }
        assertEquals(List.of(), unknown, "exported: " + exported);
    }

    @Test
    void theScrapeConfigurationKeepsTheHarnessPodsMetricsPort() throws IOException {
        JsonNode scrape = new ObjectMapper(new YAMLFactory()).readTree(Path.of("deploy/prometheus/scrape-injectors.yml").toFile());
        JsonNode job = scrape.get("scrape_configs").get(0);

        assertEquals("pod", job.get("kubernetes_sd_configs").get(0).get("role").asText());
        List<String> kept = new ArrayList<>();
        job.get("relabel_configs").forEach(rule -> {
            if ("keep".equals(rule.path("action").asText())) {
                kept.add(rule.get("source_labels").get(0).asText() + "=" + rule.get("regex").asText());
            }
        });
        assertTrue(kept.contains("__meta_kubernetes_pod_label_app_kubernetes_io_name=stella-load-harness"), kept.toString());
        assertTrue(kept.contains("__meta_kubernetes_pod_container_port_name=metrics"), kept.toString());
    }

    /** The names as scraped, with the suffixes Prometheus's text format adds (_total, _bucket, _count, _sum). */
    private static Set<String> exportedSeries() throws IOException {
        // every kind of threshold and an abort rule: a series with no sample is not scraped at all
        LiveSeries series = new LiveSeries("r", 0, "p", "S", new LoadShape(1, 1, 0, 1, 1),
                List.of(new Threshold.PercentileLimit("r", 99, 100), new Threshold.ErrorRateLimit("all", 1)),
                new FixedSources(() -> 0.0, 0, 0, 0, 0, () -> List.of(
                        new LiveSeries.AbortRuleState("abortOnFail/0 (all errors > 50% for 3 s)", 0, 3, false))));
        series.requestEnded("r", 1, io.stella.harness.latency.ErrorKind.HTTP_5XX);
        series.voiceSampled("timeToAgent", 1);
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(text, series.registry().scrape());
        Set<String> names = new HashSet<>();
        Matcher named = SERIES.matcher(text.toString(StandardCharsets.UTF_8));
        while (named.find()) {
            names.add(named.group(1));
        }
        return names;
    }
}
