package io.stella.harness.results;

import io.stella.harness.config.Threshold;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the statistics table of Gatling's HTML report ({@code index.html}): per request name the
 * count, KO count, the percentiles Gatling shows (50/75/95/99 by default) and max, in whole ms.
 * Gatling 3.13+ writes these figures nowhere else; a golden-file test pins the table's shape.
 */
public final class GatlingReportReader {

    private static final Pattern PERCENTILE_HEADER = Pattern.compile("(\\d+(?:\\.\\d+)?)(?:st|nd|rd|th) pct");
    private static final String ALL_REQUESTS_ROW = "All Requests";

    private GatlingReportReader() {
    }

    public static Map<String, GatlingFigures> read(Path indexHtml) throws IOException {
        Document report = Jsoup.parse(indexHtml.toFile());
        Element table = report.getElementById("container_statistics_head");
        if (table == null) {
            throw new IOException(indexHtml + ": no statistics table (not a Gatling 3.13+ report?)");
        }
        Map<Integer, String> percentileColumns = percentileColumns(table);
        Map<String, GatlingFigures> figures = new LinkedHashMap<>();
        List<Element> rows = new ArrayList<>(table.select("tbody tr"));
        Element body = report.getElementById("container_statistics_body");
        if (body != null) {
            rows.addAll(body.select("tbody tr"));
        }
        for (Element row : rows) {
            Element name = row.selectFirst(".ellipsed-name");
            if (name == null) {
                continue;
            }
            String request = ALL_REQUESTS_ROW.equals(name.text()) ? Threshold.ALL_REQUESTS : name.text();
            Map<String, Double> percentiles = new LinkedHashMap<>();
            percentileColumns.forEach((column, key) -> percentiles.put(key, number(row, column)));
            figures.put(request, new GatlingFigures(count(row, 2), count(row, 4), percentiles, number(row, 12)));
        }
        return figures;
    }

    /** Column number to "pNN", from the header: Gatling's percentiles are configurable. */
    private static Map<Integer, String> percentileColumns(Element table) {
        Map<Integer, String> columns = new LinkedHashMap<>();
        for (Element header : table.select("thead th[id^=col-]")) {
            Matcher percentile = PERCENTILE_HEADER.matcher(header.text());
            if (percentile.find()) {
                columns.put(Integer.parseInt(header.id().substring(4)), "p" + percentile.group(1));
            }
        }
        return columns;
    }

    private static long count(Element row, int column) {
        Double value = number(row, column);
        return value == null ? 0 : value.longValue();
    }

    /** The cell's number, or null where Gatling prints "-" or has no such column. */
    private static Double number(Element row, int column) {
        Element cell = row.selectFirst("td.col-" + column);
        if (cell == null) {
            return null;
        }
        try {
            return Double.parseDouble(cell.text().replace(",", "").trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
