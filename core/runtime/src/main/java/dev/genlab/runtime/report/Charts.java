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
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(out, "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
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

    static byte[] png(Chart<?, ?> chart) {
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
