package dev.genlab.runtime.report;

import dev.genlab.spi.Measure;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The report sections of the evaluation families a reviewer reads one by one: per-column fidelity (the column
 * shapes), privacy, utility, detection and diversity. Each appears only when the run recorded its keys.
 *
 * <p>Goals and verdicts come from the run's {@link Measures} (never from the words in a key): charts draw only
 * declared scores, information (counts, shares, sizes) is in the tables. Two kinds of chart are not score plots and
 * are drawn whatever the declarations say: the distances of synthetic and holdout rows to train side by side (the
 * holdout is the reference the synthetic side is read against) and the detector's column importances (an
 * explanation of the detector, drawn in one neutral colour).
 */
final class EvaluationSections {
    private static final List<String> TABLE_HEADER = List.of("measure", "value", "goal", "verdict", "meaning");
    /** Rows of a section's table shown open; longer tables fold. */
    private static final int OPEN_ROWS = 16;

    private EvaluationSections() {
    }

    static void write(HtmlPage page, Map<String, Double> results, Measures measures) throws IOException {
        columnShapes(page, results, measures);
        privacy(page, results, measures);
        utility(page, results, measures);
        detection(page, results, measures);
        diversity(page, results, measures);
    }

    /** The keys under {@code prefix}, in recording order. */
    private static Map<String, Double> under(Map<String, Double> results, String prefix) {
        Map<String, Double> out = new LinkedHashMap<>();
        results.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(k, v);
            }
        });
        return out;
    }

    // ------------------------------------------------------------------ fidelity per column

    private static void columnShapes(HtmlPage page, Map<String, Double> results, Measures measures) throws IOException {
        record Shape(String column, String kind, String key, double value) {
        }
        List<Shape> shapes = new ArrayList<>();
        results.forEach((k, v) -> {
            for (String kind : new String[] {"ks-complement", "tv-complement"}) {
                String prefix = "fidelity." + kind + ".";
                if (k.startsWith(prefix)) {
                    shapes.add(new Shape(k.substring(prefix.length()), kind, k, v));
                }
            }
        });
        if (shapes.isEmpty()) {
            return;
        }
        // worst first, as in SDMetrics' column-shape view: the columns to look at are on top
        shapes.sort(Comparator.comparingDouble((Shape s) -> Double.isNaN(s.value()) ? Double.NEGATIVE_INFINITY : s.value()));
        page.startSection("column-shapes", "Column shapes: per-column fidelity");
        page.note("How well each column's distribution is kept, 1 = identical: numeric columns by 1 − the Kolmogorov–Smirnov "
                + "statistic (KS complement), categorical ones by 1 − the total-variation distance of their level shares (TV complement). "
                + "Worst columns first.");
        List<Charts.Bar> bars = new ArrayList<>();
        for (Shape s : shapes) {
            if (measures.isScore(s.key())) {
                bars.add(new Charts.Bar(s.column(), s.value(), s.kind().equals("ks-complement") ? "KS complement (numeric)"
                        : "TV complement (categorical)", Double.NaN));
            }
        }
        if (bars.isEmpty()) {
            page.note("The run's metric declared none of these as a score, so they are listed, not charted.");
        } else {
            page.startGrid().image("column-shapes", "column shapes", Charts.horizontalBars("column shape score per column", "score (1 = same shape)",
                    bars, 0, 1)).endGrid();
            truncated(page, bars.size());
        }
        List<List<String>> rows = new ArrayList<>();
        for (Shape s : shapes) {
            Optional<Measure> m = measures.of(s.key());
            rows.add(List.of(s.column(), s.kind(), Comparison.format(s.value()), Measures.goalLabel(m), verdict(m, s.value())));
        }
        fold(page, "per-column scores", List.of("column", "score", "value", "goal", "verdict"), rows);
        page.endSection();
    }

    // ------------------------------------------------------------------ privacy

    private static void privacy(HtmlPage page, Map<String, Double> results, Measures measures) throws IOException {
        Map<String, Double> p = under(results, "privacy.");
        if (p.isEmpty()) {
            return;
        }
        page.startSection("privacy", "Privacy: synthetic vs holdout against train");
        page.note("The holdout is real data the model never saw; it is the reference. Synthetic rows no closer to the training rows "
                + "than holdout rows are (DCR ratio ≥ 1) and no more exact copies than the holdout has are what an unmemorised model gives. "
                + "DCR: distance to the closest training row; NNDR: closest / second-closest distance; membership inference "
                + "AUC: 0.5 means an attacker cannot tell training rows from holdout rows.");
        Double gate = p.get("privacy.gate.pass");
        if (gate != null) {
            boolean passed = gate == 1.0;
            page.raw("<p class=\"gate " + (Double.isNaN(gate) ? "undefined" : passed ? "pass" : "fail") + "\">" + HtmlPage.escape("Privacy gate: "
                    + (Double.isNaN(gate) ? "not decided" : passed ? "passed" : "failed") + exactCopies(p)) + "</p>\n");
        }
        List<List<String>> pairs = new ArrayList<>();
        if (p.containsKey("privacy.exact_copy_rate") || p.containsKey("privacy.exact_copy_rate.holdout")) {
            double sv = p.getOrDefault("privacy.exact_copy_rate", Double.NaN);
            double hv = p.getOrDefault("privacy.exact_copy_rate.holdout", Double.NaN);
            pairs.add(List.of("exact copies of training rows (share)", Comparison.format(sv), Comparison.format(hv),
                    Comparison.format(hv == 0 ? Double.NaN : sv / hv)));
        }
        page.startGrid();
        for (String stat : new String[] {"dcr", "nndr"}) {
            List<String> labels = new ArrayList<>();
            List<Double> holdout = new ArrayList<>();
            List<Double> synthetic = new ArrayList<>();
            for (String q : new String[] {"p5", "median"}) {
                Double s = p.get("privacy." + stat + ".synthetic." + q);
                Double h = p.get("privacy." + stat + ".holdout." + q);
                if (s == null && h == null) {
                    continue;
                }
                double sv = s == null ? Double.NaN : s;
                double hv = h == null ? Double.NaN : h;
                pairs.add(List.of(stat.toUpperCase(Locale.ROOT) + " " + q, Comparison.format(sv), Comparison.format(hv),
                        Comparison.format(hv == 0 ? Double.NaN : sv / hv)));
                if (Double.isFinite(sv) && Double.isFinite(hv)) {
                    labels.add(q);
                    holdout.add(hv);
                    synthetic.add(sv);
                }
            }
            if (!labels.isEmpty()) {
                String name = stat.equals("dcr") ? "distance to closest training row" : "nearest / second-nearest distance";
                page.image("privacy-" + stat, "privacy " + stat, Charts.bars(stat.toUpperCase(Locale.ROOT) + ": synthetic vs holdout", name,
                        Charts.Bars.of(labels, unboxed(holdout), unboxed(synthetic), false), "holdout (real, unseen)", "synthetic"));
            }
        }
        page.endGrid();
        if (!pairs.isEmpty()) {
            page.text("h3", "Synthetic vs holdout rows, against the training rows");
            page.table(List.of("statistic", "synthetic", "holdout", "synthetic / holdout"), pairs);
        }
        page.text("h3", "Privacy measures");
        measureTable(page, p, measures);
        page.endSection();
    }

    private static String exactCopies(Map<String, Double> p) {
        Double s = p.get("privacy.exact_copy_rate");
        Double h = p.get("privacy.exact_copy_rate.holdout");
        if (s == null) {
            return "";
        }
        return String.format(Locale.ROOT, " (exact copies of training rows: %s of synthetic rows%s)", percent(s),
                h == null ? "" : ", " + percent(h) + " of holdout rows");
    }

    private static String percent(double share) {
        return Double.isFinite(share) ? String.format(Locale.ROOT, "%.2f%%", 100 * share) : "n/a";
    }

    // ------------------------------------------------------------------ utility

    private static void utility(HtmlPage page, Map<String, Double> results, Measures measures) throws IOException {
        Map<String, Double> u = under(results, "utility.");
        // score -> classifier ("" for the mean over classifiers) -> {trtr, tstr, gap}
        Map<String, Map<String, double[]>> byScore = new LinkedHashMap<>();
        u.forEach((k, v) -> {
            String[] parts = k.split("\\.", 3);
            int side = parts.length < 3 ? -1 : List.of("trtr", "tstr", "gap").indexOf(parts[1]);
            if (side < 0) {
                return;
            }
            int dot = parts[2].indexOf('.');
            String classifier = dot < 0 ? "" : parts[2].substring(0, dot);
            String score = dot < 0 ? parts[2] : parts[2].substring(dot + 1);
            byScore.computeIfAbsent(score, s -> new LinkedHashMap<>())
                    .computeIfAbsent(classifier, c -> new double[] {Double.NaN, Double.NaN, Double.NaN})[side] = v;
        });
        if (u.isEmpty()) {
            return;
        }
        page.startSection("utility", "Utility: train on synthetic, test on real");
        page.note("Each classifier is trained once on the real training rows (TRTR) and once on the synthetic rows (TSTR), and both are "
                + "scored on the same real test rows. The gap says how much usefulness the synthetic data loses; 0 is none.");
        List<List<String>> rows = new ArrayList<>();
        page.startGrid();
        for (Map.Entry<String, Map<String, double[]>> s : byScore.entrySet()) {
            String score = s.getKey();
            List<String> labels = new ArrayList<>();
            List<Double> trtr = new ArrayList<>();
            List<Double> tstr = new ArrayList<>();
            for (Map.Entry<String, double[]> c : s.getValue().entrySet()) {
                double[] v = c.getValue();
                String by = c.getKey().isEmpty() ? "mean of classifiers" : c.getKey();
                String gapKey = "utility.gap." + (c.getKey().isEmpty() ? "" : c.getKey() + ".") + score;
                String tstrKey = "utility.tstr." + (c.getKey().isEmpty() ? "" : c.getKey() + ".") + score;
                ScoreCard.Verdict verdict = ScoreCard.Verdict.worst(judge(measures.of(gapKey), v[2]), judge(measures.of(tstrKey), v[1]));
                rows.add(List.of(score, by, Comparison.format(v[0]), Comparison.format(v[1]), Comparison.format(v[2]),
                        Measures.goalLabel(measures.of(gapKey)), verdict.label()));
                if (measures.isScore(tstrKey) && Double.isFinite(v[0]) && Double.isFinite(v[1])) {
                    labels.add(c.getKey().isEmpty() ? "mean" : c.getKey());
                    trtr.add(v[0]);
                    tstr.add(v[1]);
                }
            }
            if (!labels.isEmpty()) {
                page.image("utility-" + score, "utility " + score, Charts.bars(score + ": TRTR vs TSTR (" + Measures.goalLabel(measures.of("utility.tstr." + score)) + ")",
                        score + " on real test rows", Charts.Bars.of(labels, unboxed(trtr), unboxed(tstr), false), "trained on real (TRTR)",
                        "trained on synthetic (TSTR)"));
            }
        }
        page.endGrid();
        if (!rows.isEmpty()) {
            page.table(List.of("score", "classifier", "TRTR (real)", "TSTR (synthetic)", "gap", "gap goal", "verdict"), rows);
        }
        Map<String, Double> other = new LinkedHashMap<>(u);
        other.keySet().removeIf(k -> k.matches("utility\\.(trtr|tstr|gap)\\..*"));
        if (!other.isEmpty()) {
            page.text("h3", "Other utility measures");
            measureTable(page, other, measures);
        }
        page.raw("<details><summary>every utility measure with its goal (" + u.size() + ")</summary>\n");
        page.table(TABLE_HEADER, measureRows(u, measures)).raw("</details>\n");
        page.endSection();
    }

    // ------------------------------------------------------------------ detection

    private static void detection(HtmlPage page, Map<String, Double> results, Measures measures) throws IOException {
        Map<String, Double> d = under(results, "detection.");
        if (d.isEmpty()) {
            return;
        }
        page.startSection("detection", "Detection: can a classifier tell synthetic from real?");
        page.note("A classifier is trained to tell real rows from synthetic ones; its AUC on rows it did not see is 0.5 when it cannot "
                + "(the ideal) and 1 when the synthetic data is given away.");
        List<Charts.Bar> aucBars = new ArrayList<>();
        List<List<String>> aucRows = new ArrayList<>();
        d.forEach((k, v) -> {
            if (k.startsWith("detection.auc.")) {
                String classifier = k.substring("detection.auc.".length());
                Optional<Measure> m = measures.of(k);
                Double score = d.get("detection.score." + classifier);
                aucRows.add(List.of(classifier, Comparison.format(v), Measures.goalLabel(m), verdict(m, v),
                        score == null ? "" : Comparison.format(score)));
                if (m.isPresent() && m.get().isScore()) {
                    aucBars.add(new Charts.Bar(classifier, v, "AUC", m.get().ideal()));
                }
            }
        });
        List<Map.Entry<String, Double>> importance = new ArrayList<>();
        d.forEach((k, v) -> {
            if (k.startsWith("detection.importance.")) {
                importance.add(Map.entry(k.substring("detection.importance.".length()), v));
            }
        });
        importance.sort(Comparator.comparingDouble((Map.Entry<String, Double> e) -> Double.isNaN(e.getValue()) ? Double.NEGATIVE_INFINITY
                : e.getValue()).reversed());
        page.startGrid();
        if (!aucBars.isEmpty()) {
            page.image("detection-auc", "detection auc", Charts.horizontalBars("detection AUC per classifier", "AUC (0.5 = cannot tell)", aucBars,
                    0, 1));
        }
        if (!importance.isEmpty()) {
            List<Charts.Bar> bars = new ArrayList<>();
            double low = 0;
            double high = 0;
            for (Map.Entry<String, Double> e : importance) {
                bars.add(new Charts.Bar(e.getKey(), e.getValue(), "importance", Double.NaN));
                if (Double.isFinite(e.getValue())) {
                    low = Math.min(low, e.getValue());
                    high = Math.max(high, e.getValue());
                }
            }
            page.image("detection-importance", "detection column importance", Charts.horizontalBars("columns that give the synthetic data away",
                    "importance to the detector", bars, low, high > low ? high : low + 1));
        }
        page.endGrid();
        if (!aucRows.isEmpty()) {
            page.table(List.of("classifier", "AUC", "goal", "verdict", "detection score"), aucRows);
        }
        if (!importance.isEmpty()) {
            truncated(page, importance.size());
            page.note("Importance: how much the detector relies on a column; the larger, the more that column tells real from synthetic. "
                    + "It explains the detector, it is not a score of the model.");
            List<List<String>> rows = new ArrayList<>();
            int rank = 1;
            for (Map.Entry<String, Double> e : importance) {
                rows.add(List.of(Integer.toString(rank++), e.getKey(), Comparison.format(e.getValue())));
            }
            fold(page, "column importances", List.of("rank", "column", "importance"), rows);
        }
        Map<String, Double> other = new LinkedHashMap<>(d);
        other.keySet().removeIf(k -> k.startsWith("detection.auc.") || k.startsWith("detection.score.") || k.startsWith("detection.importance."));
        if (!other.isEmpty()) {
            page.text("h3", "Detection measures");
            measureTable(page, other, measures);
        }
        page.endSection();
    }

    // ------------------------------------------------------------------ diversity

    private static void diversity(HtmlPage page, Map<String, Double> results, Measures measures) throws IOException {
        Map<String, Double> d = under(results, "diversity.");
        if (d.isEmpty()) {
            return;
        }
        page.startSection("diversity", "Diversity: fidelity, coverage and authenticity of the rows");
        page.note("Precision and density: do synthetic rows fall where real rows are (fidelity); recall and coverage: is every region "
                + "of the real data reached (diversity); α-precision and β-recall: the same on the typical rows; authenticity: the share "
                + "of synthetic rows that are not copies of a training row. The dashed tick is each measure's ideal.");
        List<Charts.Bar> bars = new ArrayList<>();
        double high = 1;
        for (Map.Entry<String, Double> e : d.entrySet()) {
            Optional<Measure> m = measures.of(e.getKey());
            if (m.isPresent() && m.get().isScore()) {
                double ideal = m.get().ideal();
                bars.add(new Charts.Bar(e.getKey().substring("diversity.".length()), e.getValue(), "score", Double.isFinite(ideal) ? ideal : Double.NaN));
                high = Math.max(high, Double.isFinite(e.getValue()) ? e.getValue() : 0);
                high = Math.max(high, Double.isFinite(ideal) ? ideal : 0);
            }
        }
        if (!bars.isEmpty()) {
            page.startGrid().image("diversity", "diversity", Charts.horizontalBars("diversity measures", "value", bars, 0, high)).endGrid();
        }
        measureTable(page, d, measures);
        page.endSection();
    }

    // ------------------------------------------------------------------ tables

    /** A family's measures with goal, verdict and meaning: scores first, then information and undeclared ones. */
    private static void measureTable(HtmlPage page, Map<String, Double> values, Measures measures) {
        fold(page, "measures", TABLE_HEADER, measureRows(values, measures));
    }

    private static List<List<String>> measureRows(Map<String, Double> values, Measures measures) {
        List<List<String>> scores = new ArrayList<>();
        List<List<String>> rest = new ArrayList<>();
        values.forEach((k, v) -> {
            Optional<Measure> m = measures.of(k);
            List<String> row = List.of(k, Comparison.format(v), Measures.goalLabel(m), verdict(m, v), m.map(Measure::description).orElse(""));
            (m.isPresent() && m.get().isScore() ? scores : rest).add(row);
        });
        scores.addAll(rest);
        return scores;
    }

    /** A table, folded under a summary when it is long. */
    private static void fold(HtmlPage page, String what, List<String> header, List<List<String>> rows) {
        if (rows.size() <= OPEN_ROWS) {
            page.table(header, rows);
        } else {
            page.raw("<details><summary>" + HtmlPage.escape(rows.size() + " " + what) + "</summary>\n").table(header, rows).raw("</details>\n");
        }
    }

    private static void truncated(HtmlPage page, int bars) {
        if (bars > Charts.MAX_HORIZONTAL_BARS) {
            page.note("The chart shows the first " + Charts.MAX_HORIZONTAL_BARS + " of " + bars + "; the table has all.");
        }
    }

    private static ScoreCard.Verdict judge(Optional<Measure> m, double value) {
        return m.map(x -> ScoreCard.judge(x, value)).orElse(ScoreCard.Verdict.NONE);
    }

    /** The score-card verdict of a value, or "—" when its measure has no threshold (or no declaration). */
    private static String verdict(Optional<Measure> m, double value) {
        return judge(m, value).label();
    }

    private static double[] unboxed(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
