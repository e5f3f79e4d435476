package io.stella.harness.signoff;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A line chart as inline SVG, so that signoff.html needs no script or network to show its plots.
 * Series are lists of {@code [x, y]} points; x and y axes are linear over the data's range.
 */
final class SvgChart {

    private static final String[] COLORS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2",
            "#17becf", "#7f7f7f", "#bcbd22"};
    private static final int WIDTH = 760;
    private static final int HEIGHT = 320;
    private static final int LEFT = 64;
    private static final int RIGHT = 170;
    private static final int TOP = 30;
    private static final int BOTTOM = 44;

    private SvgChart() {
    }

    /**
     * @param xTicks x values to label, with their labels (e.g. a percentile spectrum's "99%")
     */
    static String lines(String title, String xLabel, String yLabel, Map<String, List<double[]>> series,
                        Map<Double, String> xTicks) {
        return lines(title, xLabel, yLabel, series, xTicks, java.util.Set.of());
    }

    /** @param marks series drawn as marked points (a ring at each) rather than a line: a run that regressed */
    static String lines(String title, String xLabel, String yLabel, Map<String, List<double[]>> series,
                        Map<Double, String> xTicks, java.util.Set<String> marks) {
        double minX = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double maxY = 0;
        for (List<double[]> points : series.values()) {
            for (double[] point : points) {
                minX = Math.min(minX, point[0]);
                maxX = Math.max(maxX, point[0]);
                maxY = Math.max(maxY, point[1]);
            }
        }
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\">", WIDTH, HEIGHT, WIDTH, HEIGHT, escape(title)));
        svg.append("<text x=\"").append(LEFT).append("\" y=\"18\" class=\"title\">").append(escape(title)).append("</text>");
        if (series.isEmpty() || minX == Double.MAX_VALUE) {
            svg.append("<text x=\"").append(LEFT).append("\" y=\"").append(HEIGHT / 2).append("\">no data</text></svg>");
            return svg.toString();
        }
        double spanX = maxX > minX ? maxX - minX : 1;
        double topY = niceCeiling(maxY);
        int plotWidth = WIDTH - LEFT - RIGHT;
        int plotHeight = HEIGHT - TOP - BOTTOM;
        for (int i = 0; i <= 4; i++) {
            double y = topY * i / 4;
            double py = TOP + plotHeight - plotHeight * y / topY;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" class=\"grid\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" class=\"tick\" text-anchor=\"end\">%s</text>",
                    LEFT, py, LEFT + plotWidth, py, LEFT - 6, py + 4, number(y)));
        }
        for (Map.Entry<Double, String> tick : xTicks.entrySet()) {
            double px = LEFT + plotWidth * (tick.getKey() - minX) / spanX;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" class=\"grid\"/>"
                    + "<text x=\"%.1f\" y=\"%d\" class=\"tick\" text-anchor=\"middle\">%s</text>",
                    px, TOP, px, TOP + plotHeight, px, TOP + plotHeight + 16, escape(tick.getValue())));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" class=\"axis\" text-anchor=\"middle\">%s</text>",
                LEFT + plotWidth / 2, HEIGHT - 6, escape(xLabel)));
        svg.append(String.format(Locale.ROOT, "<text x=\"14\" y=\"%d\" class=\"axis\" transform=\"rotate(-90 14 %d)\" "
                + "text-anchor=\"middle\">%s</text>", TOP + plotHeight / 2, TOP + plotHeight / 2, escape(yLabel)));
        int index = 0;
        for (Map.Entry<String, List<double[]>> entry : series.entrySet()) {
            String color = COLORS[index % COLORS.length];
            boolean marked = marks.contains(entry.getKey());
            StringBuilder points = new StringBuilder();
            for (double[] point : entry.getValue()) {
                String x = String.format(Locale.ROOT, "%.1f", LEFT + plotWidth * (point[0] - minX) / spanX);
                String y = String.format(Locale.ROOT, "%.1f", TOP + plotHeight - plotHeight * point[1] / topY);
                if (marked) {
                    svg.append("<circle class=\"mark\" cx=\"").append(x).append("\" cy=\"").append(y)
                            .append("\" r=\"6\" fill=\"none\" stroke-width=\"2\" stroke=\"").append(color).append("\"/>");
                } else {
                    points.append(points.isEmpty() ? "" : " ").append(x).append(',').append(y);
                }
            }
            if (!marked) {
                svg.append("<polyline class=\"series\" fill=\"none\" stroke=\"").append(color).append("\" points=\"")
                        .append(points).append("\"/>");
            }
            int legendY = TOP + 14 + index * 18;
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"4\" fill=\"%s\"/>"
                    + "<text x=\"%d\" y=\"%d\" class=\"legend\">%s</text>", LEFT + plotWidth + 14, legendY - 4, color,
                    LEFT + plotWidth + 32, legendY, escape(entry.getKey())));
            index++;
        }
        return svg.append("</svg>").toString();
    }

    private static double niceCeiling(double value) {
        if (value <= 0) {
            return 1;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) {
            if (step * magnitude >= value) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static String number(double value) {
        return value == Math.rint(value) ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.1f", value);
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
