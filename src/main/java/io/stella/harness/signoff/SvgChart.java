package io.stella.harness.signoff;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A line chart as inline SVG, so that signoff.html needs no script or network to show its plots.
 * Series are lists of {@code [x, y]} points; x and y axes are linear over the data's range, each
 * with ticks (x ticks given, or a few round values). Limits are dashed horizontal lines, markers
 * labelled rings; every point carries its value in a {@code <title>}, which a browser shows on hover.
 */
final class SvgChart {

    /** A horizontal line at {@code y} (a threshold), labelled. */
    record Limit(String label, double y) {
    }

    /** A labelled ring at a point (the knee, a step that broke). */
    record Marker(String label, double x, double y) {
    }

    /** Series longer than this get no hover point per value: a two-hour soak would be megabytes of them. */
    private static final int MOST_HOVER_POINTS = 600;

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
        return lines(title, xLabel, yLabel, series, xTicks, marks, List.of(), List.of());
    }

    /**
     * @param xTicks  x values to label; none: a few round values over the data's range
     * @param limits  dashed horizontal lines (thresholds); the y axis reaches the highest
     * @param markers labelled rings at points
     */
    static String lines(String title, String xLabel, String yLabel, Map<String, List<double[]>> series,
                        Map<Double, String> xTicks, java.util.Set<String> marks, List<Limit> limits, List<Marker> markers) {
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\">", WIDTH, HEIGHT, WIDTH, HEIGHT, escape(title)));
        svg.append("<text x=\"").append(LEFT).append("\" y=\"18\" class=\"title\">").append(escape(title)).append("</text>");
        Frame frame = Frame.of(series, limits, markers);
        if (frame == null) {
            svg.append("<text x=\"").append(LEFT).append("\" y=\"").append(HEIGHT / 2).append("\">no data</text></svg>");
            return svg.toString();
        }
        axes(svg, frame, xTicks, xLabel, yLabel);
        int index = 0;
        for (Map.Entry<String, List<double[]>> entry : series.entrySet()) {
            series(svg, frame, entry.getKey(), entry.getValue(), COLORS[index % COLORS.length], marks.contains(entry.getKey()), index);
            index++;
        }
        for (Limit limit : limits) {
            double py = frame.py(limit.y());
            svg.append(String.format(Locale.ROOT, "<line class=\"limit\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" "
                    + "stroke=\"#444\" stroke-dasharray=\"6 4\"><title>%s</title></line>"
                    + "<text class=\"limit-label\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>",
                    LEFT, py, LEFT + PLOT_WIDTH, py, escape(limit.label()), LEFT + PLOT_WIDTH - 4, py - 4, escape(limit.label())));
        }
        for (Marker marker : markers) {
            double px = frame.px(marker.x());
            double py = frame.py(marker.y());
            svg.append(String.format(Locale.ROOT, "<circle class=\"marker\" cx=\"%.1f\" cy=\"%.1f\" r=\"8\" fill=\"none\" "
                    + "stroke=\"#000\" stroke-width=\"2\"><title>%s</title></circle>"
                    + "<text class=\"marker-label\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>",
                    px, py, escape(marker.label()), px, py - 12, escape(marker.label())));
        }
        return svg.append("</svg>").toString();
    }

    private static final int PLOT_WIDTH = WIDTH - LEFT - RIGHT;
    private static final int PLOT_HEIGHT = HEIGHT - TOP - BOTTOM;

    /** Where the data's values fall on the plot: x from its lowest value over its span, y from 0 to a round top. */
    private record Frame(double minX, double maxX, double spanX, double topY) {

        /** The frame of this data, its limits and marks; null when there is no point to draw. */
        static Frame of(Map<String, List<double[]>> series, List<Limit> limits, List<Marker> markers) {
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
            if (series.isEmpty() || minX == Double.MAX_VALUE) {
                return null;
            }
            for (Limit limit : limits) {
                maxY = Math.max(maxY, limit.y());
            }
            for (Marker marker : markers) {
                maxY = Math.max(maxY, marker.y());
            }
            // room above a limit or a mark for its label
            return new Frame(minX, maxX, maxX > minX ? maxX - minX : 1,
                    niceCeiling(limits.isEmpty() && markers.isEmpty() ? maxY : maxY * 1.08));
        }

        double px(double x) {
            return LEFT + PLOT_WIDTH * (x - minX) / spanX;
        }

        double py(double y) {
            return TOP + PLOT_HEIGHT - PLOT_HEIGHT * y / topY;
        }
    }

    /** The grid, both axes' ticks and their labels. */
    private static void axes(StringBuilder svg, Frame frame, Map<Double, String> xTicks, String xLabel, String yLabel) {
        for (int i = 0; i <= 4; i++) {
            double y = frame.topY() * i / 4;
            double py = frame.py(y);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" class=\"grid\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" class=\"tick\" text-anchor=\"end\">%s</text>",
                    LEFT, py, LEFT + PLOT_WIDTH, py, LEFT - 6, py + 4, number(y)));
        }
        for (Map.Entry<Double, String> tick : (xTicks.isEmpty() ? roundTicks(frame.minX(), frame.maxX()) : xTicks).entrySet()) {
            double px = frame.px(tick.getKey());
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" class=\"grid\"/>"
                    + "<text x=\"%.1f\" y=\"%d\" class=\"tick\" text-anchor=\"middle\">%s</text>",
                    px, TOP, px, TOP + PLOT_HEIGHT, px, TOP + PLOT_HEIGHT + 16, escape(tick.getValue())));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" class=\"axis\" text-anchor=\"middle\">%s</text>",
                LEFT + PLOT_WIDTH / 2, HEIGHT - 6, escape(xLabel)));
        svg.append(String.format(Locale.ROOT, "<text x=\"14\" y=\"%d\" class=\"axis\" transform=\"rotate(-90 14 %d)\" "
                + "text-anchor=\"middle\">%s</text>", TOP + PLOT_HEIGHT / 2, TOP + PLOT_HEIGHT / 2, escape(yLabel)));
    }

    /** One series: a line with a hover value at each point (up to a few), or marked points; and its legend entry. */
    private static void series(StringBuilder svg, Frame frame, String name, List<double[]> values, String color, boolean marked,
                               int index) {
        StringBuilder points = new StringBuilder();
        for (double[] point : values) {
            String x = String.format(Locale.ROOT, "%.1f", frame.px(point[0]));
            String y = String.format(Locale.ROOT, "%.1f", frame.py(point[1]));
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
            if (values.size() <= MOST_HOVER_POINTS) {
                for (double[] point : values) {
                    svg.append(String.format(Locale.ROOT, "<circle class=\"point\" cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\">"
                            + "<title>%s: %s at %s</title></circle>", frame.px(point[0]), frame.py(point[1]), color, escape(name),
                            number(point[1]), number(point[0])));
                }
            }
        }
        int legendY = TOP + 14 + index * 18;
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"4\" fill=\"%s\"/>"
                + "<text x=\"%d\" y=\"%d\" class=\"legend\">%s</text>", LEFT + PLOT_WIDTH + 14, legendY - 4, color,
                LEFT + PLOT_WIDTH + 32, legendY, escape(name)));
    }

    /** About five round x values over the range (1, 2 or 5 times a power of ten apart), labelled. */
    static Map<Double, String> roundTicks(double minX, double maxX) {
        Map<Double, String> ticks = new java.util.TreeMap<>();
        if (!(maxX > minX)) {
            ticks.put(minX, number(minX));
            return ticks;
        }
        double raw = (maxX - minX) / 5;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = raw <= magnitude ? magnitude : raw <= 2 * magnitude ? 2 * magnitude : raw <= 5 * magnitude ? 5 * magnitude
                : 10 * magnitude;
        for (double x = Math.ceil(minX / step) * step; x <= maxX + step * 1e-9; x += step) {
            double rounded = Math.round(x / step) * step;
            ticks.put(rounded, number(rounded));
        }
        return ticks;
    }

    private static double niceCeiling(double value) {
        if (value <= 0) {
            return 1;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[] {1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10}) {
            if (step * magnitude >= value) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    /** To a thousandth at most, without trailing zeros: 40, 12.5, 0.25. */
    private static String number(double value) {
        return java.math.BigDecimal.valueOf(Math.round(value * 1000) / 1000.0).stripTrailingZeros().toPlainString();
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
