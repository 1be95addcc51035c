package dev.genlab.runtime.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.genlab.runtime.util.AtomicFiles;
import dev.genlab.runtime.util.Json;
import dev.genlab.spi.Column;
import dev.genlab.spi.Corpus;
import dev.genlab.spi.Data;
import dev.genlab.spi.ImageShape;
import dev.genlab.spi.Schema;
import dev.genlab.spi.Table;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a report needs to know about the real training data, captured while the run still has it (the run store
 * keeps only the synthetic sample): real vs synthetic marginals, column associations, sensitive-group shares, and
 * text or image samples. Written as {@code artifacts/report/data.json}.
 *
 * <p>Associations are one matrix over all tabular columns, each cell in [-1, 1] or [0, 1] by the pair's kinds:
 * numeric–numeric is Pearson's r; categorical–categorical is Cramér's V (no bias correction); numeric–categorical
 * is the correlation ratio η (the share of the numeric column's variance explained by the categories, square-rooted).
 * Each pair uses the rows where both values are present; an undefined cell (a constant column, fewer than two rows)
 * is 0. Image tables get no marginals or associations (hundreds of pixel columns say little one by one); they get a
 * grid of images instead.
 *
 * @param modality      tabular, image or text
 * @param realRows      rows (documents) of the real training data
 * @param syntheticRows rows (documents) of the synthetic sample
 * @param marginals     one per non-pixel column (for text: document lengths)
 * @param associations  null for text and image data, and for tables of one column
 * @param groups        one per sensitive column
 * @param text          text samples; null unless text
 * @param images        the first images of each side; null unless image data
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReportData(String modality, int realRows, int syntheticRows, List<Marginal> marginals, Associations associations,
                         List<GroupShares> groups, TextSamples text, ImageGrid images) {
    private static final Logger log = LoggerFactory.getLogger(ReportData.class);

    /** Where the file goes, relative to the run's artifacts directory. */
    public static final String ARTIFACT = "report/data.json";
    /** Equal-width bins of a numeric histogram. */
    static final int BINS = 20;
    /** Images kept per side for the sample grid. */
    static final int IMAGES = 64;
    /** Documents kept per side, and characters per document. */
    static final int DOCUMENTS = 12;
    static final int DOCUMENT_CHARACTERS = 400;
    /** Tables wider than this get no association matrix (it would be unreadable and quadratic to compute). */
    static final int MAX_ASSOCIATION_COLUMNS = 60;
    static final String MISSING = "(missing)";

    public ReportData {
        marginals = List.copyOf(marginals);
        groups = List.copyOf(groups);
    }

    /**
     * Counts per bin or level, real and synthetic, aligned with {@code labels}.
     *
     * @param kind  numeric or categorical
     * @param edges for numeric columns the {@code labels.size() + 1} bin edges (a trailing {@value #MISSING} label
     *              has no edges); null for categorical ones
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Marginal(String column, String kind, List<String> labels, double[] edges, long[] real, long[] synthetic) {
    }

    /** Column associations; see {@link ReportData} for the measure of each pair. */
    public record Associations(List<String> columns, double[][] real, double[][] synthetic) {
    }

    /**
     * Shares of each group of a sensitive column, real vs synthetic; for a categorical target with two levels also
     * the share of each group with the target's rarer real level ({@code outcome}, e.g. {@code income = >50K}).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record GroupShares(String column, List<String> groups, double[] real, double[] synthetic, String outcome,
                              double[] realOutcomeRate, double[] syntheticOutcomeRate) {
    }

    public record TextSamples(List<String> real, List<String> synthetic) {
    }

    /** Pixel values of the first images, row-major, channels last; {@code min}/{@code max} map to black/white. */
    public record ImageGrid(int height, int width, int channels, double min, double max, List<double[]> real, List<double[]> synthetic) {
    }

    /**
     * Computes the summaries and writes them to {@code artifacts/report/data.json}; never throws: a report is
     * worth less than the run, so a failure here is a warning.
     *
     * @return artifact path to file written (empty if it failed)
     */
    public static Map<String, Path> capture(Data real, Data synthetic, Path artifactsDirectory) {
        try {
            long start = System.nanoTime();
            Path file = artifactsDirectory.resolve(ARTIFACT);
            write(of(real, synthetic), file);
            log.debug("report data captured in {} ms", (System.nanoTime() - start) / 1_000_000);
            return Map.of(ARTIFACT, file);
        } catch (IOException | RuntimeException e) {
            log.warn("report data not captured: {}", e.toString());
            log.debug("report data not captured", e);
            return Map.of();
        }
    }

    public static void write(ReportData data, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        AtomicFiles.write(file, Json.bytes(data));
    }

    public static ReportData read(Path file) throws IOException {
        return Json.read(file, ReportData.class);
    }

    /** The summaries of real vs synthetic data of the same schema (or two corpora). */
    public static ReportData of(Data real, Data synthetic) {
        if (real instanceof Corpus r && synthetic instanceof Corpus s) {
            return ofText(r, s);
        }
        Table r = real.asTable();
        Table s = synthetic.asTable();
        if (!r.schema().columns().equals(s.schema().columns())) {
            throw new IllegalArgumentException("real and synthetic tables have different columns");
        }
        Schema schema = r.schema();
        List<Integer> pixels = pixelColumns(schema);
        List<Marginal> marginals = new ArrayList<>();
        List<Integer> described = new ArrayList<>();
        for (int c = 0; c < schema.size(); c++) {
            if (!pixels.contains(c)) {
                marginals.add(marginal(r, s, c));
                described.add(c);
            }
        }
        Associations associations = pixels.isEmpty() && described.size() >= 2 && described.size() <= MAX_ASSOCIATION_COLUMNS
                ? new Associations(names(schema, described), associationMatrix(r, described), associationMatrix(s, described)) : null;
        List<GroupShares> groups = new ArrayList<>();
        for (String sensitive : schema.sensitive()) {
            groups.add(groupShares(r, s, schema.requireIndex(sensitive)));
        }
        ImageGrid images = schema.imageShape().map(shape -> images(r, s, shape, pixels)).orElse(null);
        return new ReportData(schema.modality().label(), r.rowCount(), s.rowCount(), marginals, associations, groups, null, images);
    }

    private static ReportData ofText(Corpus real, Corpus synthetic) {
        double[] realLengths = real.documents().stream().mapToDouble(String::length).toArray();
        double[] syntheticLengths = synthetic.documents().stream().mapToDouble(String::length).toArray();
        Marginal lengths = numericMarginal("document length (characters)", realLengths, syntheticLengths);
        TextSamples samples = new TextSamples(firstDocuments(real), firstDocuments(synthetic));
        return new ReportData("text", real.size(), synthetic.size(), List.of(lengths), null, List.of(), samples, null);
    }

    private static List<String> firstDocuments(Corpus corpus) {
        List<String> out = new ArrayList<>();
        for (String d : corpus.documents().subList(0, Math.min(DOCUMENTS, corpus.size()))) {
            out.add(d.length() <= DOCUMENT_CHARACTERS ? d : d.substring(0, DOCUMENT_CHARACTERS) + "…");
        }
        return out;
    }

    /** The pixel columns of an image table: its first {@code shape.pixels()} numeric columns other than the target. */
    static List<Integer> pixelColumns(Schema schema) {
        List<Integer> out = new ArrayList<>();
        if (schema.imageShape().isEmpty()) {
            return out;
        }
        int wanted = schema.imageShape().get().pixels();
        String target = schema.target().orElse(null);
        for (int c = 0; c < schema.size() && out.size() < wanted; c++) {
            Column col = schema.column(c);
            if (col.isNumeric() && !col.name().equals(target)) {
                out.add(c);
            }
        }
        return out;
    }

    private static List<String> names(Schema schema, List<Integer> columns) {
        return columns.stream().map(c -> schema.column(c).name()).toList();
    }

    static Marginal marginal(Table real, Table synthetic, int c) {
        Column column = real.schema().column(c);
        if (column.isNumeric()) {
            return numericMarginal(column.name(), real.numericColumn(c), synthetic.numericColumn(c));
        }
        int levels = column.levels().size();
        long[] r = levelCounts(real.codes(c), levels);
        long[] s = levelCounts(synthetic.codes(c), levels);
        List<String> labels = new ArrayList<>(column.levels());
        if (r[levels] == 0 && s[levels] == 0) {
            r = java.util.Arrays.copyOf(r, levels);
            s = java.util.Arrays.copyOf(s, levels);
        } else {
            labels.add(MISSING);
        }
        return new Marginal(column.name(), "categorical", labels, null, r, s);
    }

    /** Counts per code, with the missing count last. */
    private static long[] levelCounts(int[] codes, int levels) {
        long[] counts = new long[levels + 1];
        for (int code : codes) {
            counts[code == Table.MISSING_CODE ? levels : code]++;
        }
        return counts;
    }

    /** {@value #BINS} equal-width bins over the range of both sides together (one bin if the range is a point). */
    static Marginal numericMarginal(String name, double[] real, double[] synthetic) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double[] side : List.of(real, synthetic)) {
            for (double v : side) {
                if (Double.isFinite(v)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        if (min > max) {
            min = 0;
            max = 0;
        }
        int bins = max > min ? BINS : 1;
        double[] edges = new double[bins + 1];
        for (int i = 0; i <= bins; i++) {
            edges[i] = i == bins ? max : min + (max - min) * i / bins;
        }
        long[] r = binCounts(real, min, max, bins);
        long[] s = binCounts(synthetic, min, max, bins);
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < bins; i++) {
            labels.add(number(edges[i]));
        }
        if (r[bins] == 0 && s[bins] == 0) {
            r = java.util.Arrays.copyOf(r, bins);
            s = java.util.Arrays.copyOf(s, bins);
        } else {
            labels.add(MISSING);
        }
        return new Marginal(name, "numeric", labels, edges, r, s);
    }

    /** Counts per bin (the last bin includes the maximum), with non-finite values counted last as missing. */
    private static long[] binCounts(double[] values, double min, double max, int bins) {
        long[] counts = new long[bins + 1];
        for (double v : values) {
            if (!Double.isFinite(v)) {
                counts[bins]++;
            } else {
                int b = max > min ? (int) ((v - min) / (max - min) * bins) : 0;
                counts[Math.min(Math.max(b, 0), bins - 1)]++;
            }
        }
        return counts;
    }

    /** A short bin label: whole numbers as they are, thousands and millions with k and M, else 2 decimals. */
    static String number(double v) {
        double a = Math.abs(v);
        if (a >= 1e6) {
            return trim(String.format(Locale.ROOT, "%.2f", v / 1e6)) + "M";
        }
        if (a >= 1e4) {
            return trim(String.format(Locale.ROOT, "%.1f", v / 1e3)) + "k";
        }
        if (v == Math.rint(v)) {
            return Long.toString((long) v);
        }
        return a < 1e-2 ? String.format(Locale.ROOT, "%.2g", v) : trim(String.format(Locale.ROOT, "%.2f", v));
    }

    private static String trim(String s) {
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }

    private static double[][] associationMatrix(Table t, List<Integer> columns) {
        int k = columns.size();
        double[][] m = new double[k][k];
        for (int i = 0; i < k; i++) {
            m[i][i] = 1;
            for (int j = i + 1; j < k; j++) {
                double a = association(t, columns.get(i), columns.get(j));
                m[i][j] = a;
                m[j][i] = a;
            }
        }
        return m;
    }

    /** The association of two columns; see the class comment for the measure of each pair of kinds. */
    static double association(Table t, int a, int b) {
        Column ca = t.schema().column(a);
        Column cb = t.schema().column(b);
        double v;
        if (ca.isNumeric() && cb.isNumeric()) {
            v = Statistics.pearson(t.numericColumn(a), t.numericColumn(b));
        } else if (ca.isCategorical() && cb.isCategorical()) {
            v = Statistics.cramersV(t.codes(a), ca.levels().size(), t.codes(b), cb.levels().size());
        } else if (ca.isNumeric()) {
            v = Statistics.correlationRatio(t.codes(b), cb.levels().size(), t.numericColumn(a));
        } else {
            v = Statistics.correlationRatio(t.codes(a), ca.levels().size(), t.numericColumn(b));
        }
        return Double.isFinite(v) ? v : 0;
    }

    static GroupShares groupShares(Table real, Table synthetic, int c) {
        Marginal m = marginal(real, synthetic, c);
        double[] r = shares(m.real());
        double[] s = shares(m.synthetic());
        Schema schema = real.schema();
        int target = schema.target().map(schema::indexOf).orElse(-1);
        if (target < 0 || target == c || !schema.column(target).isCategorical() || schema.column(target).levels().size() != 2) {
            return new GroupShares(m.column(), m.labels(), r, s, null, null, null);
        }
        int[] realTarget = real.codes(target);
        long positives = java.util.Arrays.stream(realTarget).filter(x -> x == 1).count();
        long negatives = java.util.Arrays.stream(realTarget).filter(x -> x == 0).count();
        int outcome = positives <= negatives ? 1 : 0;
        Column targetColumn = schema.column(target);
        return new GroupShares(m.column(), m.labels(), r, s, targetColumn.name() + " = " + targetColumn.levels().get(outcome),
                outcomeRates(real, c, m, target, outcome), outcomeRates(synthetic, c, m, target, outcome));
    }

    /** Per group of {@code m} (bins or levels of column c), the share of rows whose target is {@code outcome}. */
    private static double[] outcomeRates(Table t, int c, Marginal m, int target, int outcome) {
        int groups = m.labels().size();
        long[] all = new long[groups];
        long[] hits = new long[groups];
        int[] y = t.codes(target);
        int[] g = groupOf(t, c, m);
        for (int i = 0; i < y.length; i++) {
            if (y[i] != Table.MISSING_CODE) {
                all[g[i]]++;
                if (y[i] == outcome) {
                    hits[g[i]]++;
                }
            }
        }
        double[] out = new double[groups];
        for (int i = 0; i < groups; i++) {
            out[i] = all[i] == 0 ? 0 : (double) hits[i] / all[i];
        }
        return out;
    }

    /** The index into {@code m.labels()} of each row's value of column c. */
    private static int[] groupOf(Table t, int c, Marginal m) {
        int missing = m.labels().indexOf(MISSING);
        int[] out = new int[t.rowCount()];
        if (t.schema().column(c).isCategorical()) {
            int[] codes = t.codes(c);
            for (int i = 0; i < codes.length; i++) {
                out[i] = codes[i] == Table.MISSING_CODE ? missing : codes[i];
            }
            return out;
        }
        double[] v = t.numericColumn(c);
        double[] edges = m.edges();
        int bins = edges.length - 1;
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                out[i] = missing;
            } else {
                double min = edges[0];
                double max = edges[bins];
                int b = max > min ? (int) ((v[i] - min) / (max - min) * bins) : 0;
                out[i] = Math.min(Math.max(b, 0), bins - 1);
            }
        }
        return out;
    }

    static double[] shares(long[] counts) {
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        double[] out = new double[counts.length];
        for (int i = 0; i < counts.length; i++) {
            out[i] = total == 0 ? 0 : (double) counts[i] / total;
        }
        return out;
    }

    private static ImageGrid images(Table real, Table synthetic, ImageShape shape, List<Integer> pixels) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int c : pixels) {
            for (double v : real.numericColumn(c)) {
                if (Double.isFinite(v)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        if (min > max) {
            min = 0;
            max = 1;
        }
        return new ImageGrid(shape.height(), shape.width(), shape.channels(), min, max, firstImages(real, pixels), firstImages(synthetic, pixels));
    }

    private static List<double[]> firstImages(Table t, List<Integer> pixels) {
        List<double[]> out = new ArrayList<>();
        for (int row = 0; row < Math.min(IMAGES, t.rowCount()); row++) {
            double[] image = new double[pixels.size()];
            for (int p = 0; p < image.length; p++) {
                image[p] = t.numeric(pixels.get(p), row);
            }
            out.add(image);
        }
        return out;
    }
}
