package dev.genlab.runtime.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The report's plots as PNG bytes, drawn with XChart off screen (headless). */
final class Charts {
    static final Color REAL = new Color(0x33, 0x6E, 0xA8);
    static final Color SYNTHETIC = new Color(0xE0, 0x7B, 0x39);
    private static final Color[] PALETTE = {
        REAL, SYNTHETIC, new Color(0x3A, 0x9A, 0x5B), new Color(0xC0, 0x39, 0x3B), new Color(0x7E, 0x57, 0xA8),
        new Color(0x8C, 0x6D, 0x46), new Color(0xD4, 0x6E, 0xB3), new Color(0x6F, 0x6F, 0x6F), new Color(0xB8, 0xB0, 0x2E),
        new Color(0x2B, 0xA9, 0xB8)};
    /** Levels shown per bar chart; the rest are summed into one "(other)" bar. */
    static final int MAX_BARS = 20;
    static final int WIDTH = 560;
    static final int HEIGHT = 340;

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private Charts() {
    }

    /** Metric histories of one group, one line per key (x: step). */
    static byte[] lines(String title, Map<String, double[][]> series) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle("step").yAxisTitle("value").build();
        style(chart.getStyler());
        chart.getStyler().setMarkerSize(series.values().stream().allMatch(s -> s[0].length <= 30) ? 5 : 0);
        chart.getStyler().setLegendVisible(series.size() > 1 || !series.containsKey(title));
        chart.getStyler().setLegendPosition(series.size() > 3 ? Styler.LegendPosition.OutsideS : Styler.LegendPosition.InsideNE);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        for (Map.Entry<String, double[][]> e : series.entrySet()) {
            XYSeries s = chart.addSeries(e.getKey(), e.getValue()[0], e.getValue()[1]);
            s.setMarker(SeriesMarkers.CIRCLE);
        }
        return png(chart);
    }

    /** Real vs synthetic shares per bin or level (counts are normalised: the two sides differ in size). */
    static byte[] marginal(ReportData.Marginal m) {
        List<String> labels = m.labels();
        if (m.edges() != null) {
            // labels from the edges, so reports rebuilt from older data files get today's formatting
            labels = new ArrayList<>(labels);
            for (int i = 0; i < m.edges().length - 1 && i < labels.size(); i++) {
                labels.set(i, ReportData.number(m.edges()[i]));
            }
        }
        Bars bars = Bars.of(labels, ReportData.shares(m.real()), ReportData.shares(m.synthetic()), "numeric".equals(m.kind()));
        return bars(m.column() + (m.kind().equals("numeric") ? " (histogram)" : ""), "share of rows", bars, "real", "synthetic");
    }

    /** Two aligned series of shares as grouped bars. */
    static byte[] bars(String title, String yTitle, Bars bars, String first, String second) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title).yAxisTitle(yTitle).build();
        style(chart.getStyler());
        chart.getStyler().setSeriesColors(new Color[] {REAL, SYNTHETIC});
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setYAxisDecimalPattern("0.##");
        chart.getStyler().setAvailableSpaceFill(bars.histogram() ? 0.95 : 0.8);
        rotateLongLabels(chart.getStyler(), bars.labels());
        chart.addSeries(first, bars.labels(), boxed(bars.first()));
        chart.addSeries(second, bars.labels(), boxed(bars.second()));
        return png(chart);
    }

    /**
     * One mean per category as a dot with a ± std error bar; dots rather than bars so that the axis can zoom in on
     * the differences without a bar's length misleading.
     */
    static byte[] meanBars(String title, List<String> labels, double[] means, double[] errors) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title).yAxisTitle("mean ± std").build();
        style(chart.getStyler());
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setSeriesColors(new Color[] {REAL});
        chart.getStyler().setYAxisDecimalPattern("0.####");
        chart.getStyler().setErrorBarsColor(Color.DARK_GRAY);
        chart.getStyler().setMarkerSize(11);
        List<String> shortLabels = shortLabels(labels);
        rotateLongLabels(chart.getStyler(), shortLabels);
        double[] err = new double[errors.length];
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < err.length; i++) {
            err[i] = Double.isFinite(errors[i]) ? errors[i] : 0;
            low = Math.min(low, means[i] - err[i]);
            high = Math.max(high, means[i] + err[i]);
        }
        double pad = high > low ? (high - low) * 0.15 : Math.max(Math.abs(high) * 0.05, 1e-3);
        chart.getStyler().setYAxisMin(low - pad);
        chart.getStyler().setYAxisMax(high + pad);
        CategorySeries s = chart.addSeries("mean", shortLabels, boxed(means), boxed(err));
        s.setChartCategorySeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Scatter);
        s.setMarker(SeriesMarkers.CIRCLE);
        return png(chart);
    }

    /** One bar of {@link #horizontalBars}: its group picks the colour; {@code ideal} (NaN for none) is drawn as a tick. */
    record Bar(String label, double value, String group, double ideal) {
    }

    /** Bars drawn per horizontal chart, at most; the caller says which ones were left out. */
    static final int MAX_HORIZONTAL_BARS = 40;

    /**
     * Horizontal bars in the given order over the axis [min, max], coloured by group (a legend when there are
     * several), each labelled with its value and with a dashed tick at its ideal. Drawn directly rather than with
     * XChart, which has no horizontal bars: long column names fit on the left instead of a rotated axis.
     */
    static byte[] horizontalBars(String title, String axisTitle, List<Bar> bars, double low, double high) {
        double step = niceStep((high > low ? high - low : 1) / 5);
        double min = Math.floor(low / step + 1e-9) * step;
        double max = Math.max(min + step, Math.ceil(high / step - 1e-9) * step);
        List<Bar> shown = bars.subList(0, Math.min(bars.size(), MAX_HORIZONTAL_BARS));
        List<String> groups = new ArrayList<>(new java.util.LinkedHashSet<>(shown.stream().map(Bar::group).toList()));
        Font labelFont = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
        Font titleFont = new Font(Font.SANS_SERIF, Font.BOLD, 14);
        BufferedImage measure = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        java.awt.FontMetrics fm = measure.getGraphics().getFontMetrics(labelFont);
        int labelWidth = Math.min(220, 8 + shown.stream().mapToInt(b -> fm.stringWidth(b.label())).max().orElse(0));
        int row = 20;
        int top = 34;
        int plotLeft = 10 + labelWidth;
        int plotRight = WIDTH + 60 - 64;
        int plotBottom = top + row * shown.size();
        int height = plotBottom + 42 + (groups.size() > 1 ? 20 : 0);
        BufferedImage out = new BufferedImage(WIDTH + 60, height, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = out.createGraphics();
        g.setRenderingHint(java.awt.RenderingHints.KEY_ANTIALIASING, java.awt.RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(java.awt.RenderingHints.KEY_TEXT_ANTIALIASING, java.awt.RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(titleFont);
        g.drawString(title, (out.getWidth() - g.getFontMetrics().stringWidth(title)) / 2, 20);
        double span = max > min ? max - min : 1;
        java.util.function.DoubleToIntFunction x = v -> plotLeft + (int) Math.round((Math.max(min, Math.min(max, v)) - min) / span * (plotRight - plotLeft));
        g.setFont(labelFont);
        for (int t = 0; min + t * step <= max + step * 1e-9; t++) {
            double v = min + t * step;
            int px = x.applyAsInt(v);
            g.setColor(new Color(0xE6, 0xE6, 0xE6));
            g.drawLine(px, top - 4, px, plotBottom);
            g.setColor(Color.DARK_GRAY);
            String tick = ReportData.number(v);
            g.drawString(tick, px - fm.stringWidth(tick) / 2, plotBottom + 14);
        }
        g.drawString(axisTitle, (plotLeft + plotRight - fm.stringWidth(axisTitle)) / 2, plotBottom + 30);
        java.awt.Stroke solid = g.getStroke();
        java.awt.Stroke dashed = new java.awt.BasicStroke(2f, java.awt.BasicStroke.CAP_BUTT, java.awt.BasicStroke.JOIN_MITER, 10f, new float[] {3f, 2f}, 0f);
        for (int i = 0; i < shown.size(); i++) {
            Bar b = shown.get(i);
            int y = top + i * row;
            g.setColor(Color.DARK_GRAY);
            g.drawString(fit(b.label(), fm, labelWidth - 8), 6, y + row - 6);
            if (Double.isFinite(b.value())) {
                int x0 = x.applyAsInt(Math.max(min, Math.min(0, max)));
                int x1 = x.applyAsInt(b.value());
                g.setColor(PALETTE[groups.indexOf(b.group()) % PALETTE.length]);
                g.fillRect(Math.min(x0, x1), y + 3, Math.max(1, Math.abs(x1 - x0)), row - 6);
            }
            if (Double.isFinite(b.ideal())) {
                int px = x.applyAsInt(b.ideal());
                g.setColor(Color.BLACK);
                g.setStroke(dashed);
                g.drawLine(px, y + 1, px, y + row - 1);
                g.setStroke(solid);
            }
            g.setColor(Color.BLACK);
            String value = Double.isFinite(b.value()) ? ReportData.number(b.value()) : "n/a";
            g.drawString(value, Math.min(plotRight + 4, Double.isFinite(b.value()) ? x.applyAsInt(b.value()) + 4 : plotLeft + 4), y + row - 6);
        }
        g.setColor(new Color(0xCC, 0xCC, 0xCC));
        g.drawRect(plotLeft, top - 4, plotRight - plotLeft, plotBottom - top + 4);
        int lx = plotLeft;
        int ly = plotBottom + 46;
        if (groups.size() > 1) {
            for (int i = 0; i < groups.size(); i++) {
                g.setColor(PALETTE[i % PALETTE.length]);
                g.fillRect(lx, ly - 9, 10, 10);
                g.setColor(Color.DARK_GRAY);
                g.drawString(groups.get(i), lx + 14, ly);
                lx += 30 + fm.stringWidth(groups.get(i));
            }
        }
        if (shown.stream().anyMatch(b -> Double.isFinite(b.ideal()))) {
            g.setColor(Color.BLACK);
            g.setStroke(dashed);
            int ix = groups.size() > 1 ? lx : plotRight - 40;
            int iy = groups.size() > 1 ? ly : plotBottom + 30;
            g.drawLine(ix, iy - 9, ix, iy + 1);
            g.setStroke(solid);
            g.drawString("ideal", ix + 5, iy);
        }
        g.dispose();
        return png(out);
    }

    /** A tick spacing of 1, 2, 2.5 or 5 times a power of ten, at least {@code raw}. */
    static double niceStep(double raw) {
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 2.5, 5}) {
            if (m * power >= raw * (1 - 1e-9)) {
                return m * power;
            }
        }
        return 10 * power;
    }

    /** The text, cut with an ellipsis to fit {@code width} pixels. */
    private static String fit(String text, java.awt.FontMetrics fm, int width) {
        if (fm.stringWidth(text) <= width) {
            return text;
        }
        String t = text;
        while (t.length() > 1 && fm.stringWidth(t + "…") > width) {
            t = t.substring(0, t.length() - 1);
        }
        return t + "…";
    }

    /**
     * Setting labels short enough for an axis: the value alone when one key varies ({@code ctgan}), else each key
     * by its last part ({@code type=ctgan, epochs=300}).
     */
    static List<String> shortLabels(List<String> labels) {
        List<String> out = new ArrayList<>();
        for (String label : labels) {
            String[] parts = label.split(", ");
            StringBuilder sb = new StringBuilder();
            for (String part : parts) {
                int eq = part.indexOf('=');
                String k = eq < 0 ? "" : part.substring(0, eq);
                String v = eq < 0 ? part : part.substring(eq + 1);
                sb.append(sb.length() == 0 ? "" : ", ").append(parts.length == 1 || eq < 0 ? v : k.substring(k.lastIndexOf('.') + 1) + "=" + v);
            }
            out.add(sb.toString());
        }
        return new ArrayList<>(new java.util.LinkedHashSet<>(out)).size() == out.size() ? out : labels;
    }

    /** A matrix as a heat map; blue for negative, white for zero, red for positive, clipped to [min, max]. */
    static byte[] heatMap(String title, List<String> columns, double[][] values, double min, double max) {
        int k = columns.size();
        int size = Math.max(380, Math.min(900, 140 + 28 * k));
        HeatMapChart chart = new HeatMapChartBuilder().width(size + 70).height(size).title(title).build();
        style(chart.getStyler());
        chart.getStyler().setLegendVisible(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setPlotGridLinesVisible(false);
        chart.getStyler().setXAxisLabelRotation(60);
        chart.getStyler().setMin(min);
        chart.getStyler().setMax(max);
        chart.getStyler().setRangeColors(min < 0
                ? new Color[] {new Color(0x2C, 0x5A, 0xA0), Color.WHITE, new Color(0xB2, 0x2B, 0x2B)}
                : new Color[] {Color.WHITE, new Color(0xB2, 0x2B, 0x2B)});
        chart.getStyler().setShowValue(k <= 16);
        chart.getStyler().setValueFont(new Font(Font.SANS_SERIF, Font.PLAIN, 9));
        // ".08" rather than "0.08": narrow enough for the cells of a 16-column matrix
        chart.getStyler().setHeatMapValueDecimalPattern("#.00");
        List<Number[]> cells = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                double v = Math.max(min, Math.min(max, values[j][i]));
                cells.add(new Number[] {i, j, v});
            }
        }
        // y runs bottom-up in XChart; reverse it so row 0 is at the top, as in a printed matrix
        List<String> ys = new ArrayList<>(columns);
        java.util.Collections.reverse(ys);
        List<Number[]> flipped = new ArrayList<>();
        for (Number[] c : cells) {
            flipped.add(new Number[] {c[0], k - 1 - c[1].intValue(), c[2]});
        }
        chart.addSeries(title, columns, ys, flipped);
        return png(chart);
    }

    /** An image grid, {@code perRow} images a row, each scaled up; values map linearly from [min, max] to black..white. */
    static byte[] imageGrid(ReportData.ImageGrid grid, List<double[]> images, int perRow, int scale) {
        int h = grid.height();
        int w = grid.width();
        int gap = 2;
        int rows = Math.max(1, (images.size() + perRow - 1) / perRow);
        int cols = Math.min(perRow, Math.max(1, images.size()));
        BufferedImage out = new BufferedImage(cols * (w * scale + gap) + gap, rows * (h * scale + gap) + gap, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        double range = grid.max() > grid.min() ? grid.max() - grid.min() : 1;
        for (int n = 0; n < images.size(); n++) {
            double[] image = images.get(n);
            int x0 = gap + (n % perRow) * (w * scale + gap);
            int y0 = gap + (n / perRow) * (h * scale + gap);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int[] rgb = new int[3];
                    for (int ch = 0; ch < 3; ch++) {
                        int idx = (y * w + x) * grid.channels() + Math.min(ch, grid.channels() - 1);
                        double v = idx < image.length && Double.isFinite(image[idx]) ? (image[idx] - grid.min()) / range : 0;
                        rgb[ch] = (int) Math.round(255 * Math.max(0, Math.min(1, v)));
                    }
                    g.setColor(new Color(rgb[0], rgb[1], rgb[2]));
                    g.fillRect(x0 + x * scale, y0 + y * scale, scale, scale);
                }
            }
        }
        g.dispose();
        return png(out);
    }

    /**
     * Bars ready to draw: at most {@value #MAX_BARS} labels. Categorical levels beyond that, the rarest in the
     * first series, are summed into "(other)"; histogram bins keep their order.
     */
    record Bars(List<String> labels, double[] first, double[] second, boolean histogram) {
        static Bars of(List<String> labels, double[] first, double[] second, boolean histogram) {
            if (histogram || labels.size() <= MAX_BARS) {
                return new Bars(labels, first, second, histogram);
            }
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < labels.size(); i++) {
                order.add(i);
            }
            order.sort(Comparator.comparingDouble((Integer i) -> -(first[i] + second[i])));
            List<Integer> kept = new ArrayList<>(order.subList(0, MAX_BARS - 1));
            kept.sort(null);
            List<String> l = new ArrayList<>();
            double[] a = new double[MAX_BARS];
            double[] b = new double[MAX_BARS];
            for (int n = 0; n < kept.size(); n++) {
                l.add(labels.get(kept.get(n)));
                a[n] = first[kept.get(n)];
                b[n] = second[kept.get(n)];
            }
            for (int i : order.subList(MAX_BARS - 1, order.size())) {
                a[MAX_BARS - 1] += first[i];
                b[MAX_BARS - 1] += second[i];
            }
            l.add("(other " + (labels.size() - MAX_BARS + 1) + ")");
            return new Bars(l, a, b, false);
        }
    }

    private static void rotateLongLabels(AxesChartStyler styler, List<String> labels) {
        int longest = labels.stream().mapToInt(String::length).max().orElse(0);
        if (longest * labels.size() > 60) {
            styler.setXAxisLabelRotation(45);
        }
    }

    private static void style(AxesChartStyler s) {
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderColor(new Color(0xCC, 0xCC, 0xCC));
        s.setPlotGridLinesColor(new Color(0xE6, 0xE6, 0xE6));
        s.setLegendBorderColor(new Color(0xDD, 0xDD, 0xDD));
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        s.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        s.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        s.setSeriesColors(PALETTE);
        s.setAntiAlias(true);
        s.setChartTitleBoxVisible(false);
        s.setXAxisMaxLabelCount(40);
    }

    private static List<Double> boxed(double[] values) {
        List<Double> out = new ArrayList<>(values.length);
        for (double v : values) {
            out.add(v);
        }
        return out;
    }

    private static byte[] png(BufferedImage image) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static byte[] png(Chart<?, ?> chart) {
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
