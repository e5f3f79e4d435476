package io.stella.harness.signoff;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;

import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code signoff.html}: the sign-off and its plots in one file that opens offline (inline CSS and
 * SVG, no script, nothing fetched), rendered from a Mustache template.
 */
public final class SignOffHtml {

    public static final String FILE_NAME = "signoff.html";
    private static final Mustache TEMPLATE = new DefaultMustacheFactory()
            .compile("io/stella/harness/signoff/signoff.html.mustache");

    private SignOffHtml() {
    }

    public static String render(SignOff signOff, List<String> plotSvgs) {
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("verdict", signOff.verdict());
        page.put("simulation", signOff.simulation());
        page.put("profile", signOff.profile());
        page.put("target", signOff.target());
        page.put("finishedAt", signOff.finishedAt());
        page.put("items", signOff.items().stream().map(SignOffHtml::row).toList());
        page.put("plots", plotSvgs.stream().map(svg -> Map.of("svg", svg)).toList());
        StringWriter out = new StringWriter();
        TEMPLATE.execute(out, page);
        return out.toString();
    }

    private static Map<String, Object> row(ItemResult item) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("title", item.item().title());
        row.put("section", item.item().section());
        row.put("status", SignOffWriters.label(item.status()));
        row.put("statusClass", item.status().name());
        row.put("reason", item.reason());
        row.put("source", item.source());
        row.put("hasEvidence", !item.evidence().isEmpty());
        row.put("evidence", item.evidence().entrySet().stream()
                .map(entry -> Map.of("key", entry.getKey(), "value", String.valueOf(entry.getValue()))).toList());
        return row;
    }
}
