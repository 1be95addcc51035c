package dev.genlab.runtime.report;

import dev.genlab.spi.Measure;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A run at a glance: per metric family (fidelity, detection, utility, privacy, fairness, diversity, text, image …)
 * the headline value and its ideal, and a verdict — pass, warn or fail — from the family's checks: the measures
 * their metric declared a {@link Measure.Threshold} for (defaults in the metric, changed per experiment with
 * {@code report.thresholds}). A family's verdict is its worst check; a family without checks shows no verdict.
 * The first thing the terminal summary prints, the top of the HTML report and the MLflow run description.
 */
public final class ScoreCard {
    /** run.json: the caveats the model recorded, shown under the card. */
    public static final String WARNINGS_FIELD = "warnings";
    /** run.json: the keys of the results the model recorded about itself, shown under the card. */
    public static final String MODEL_RESULTS_FIELD = "model_results";
    /** How a value stands against its bounds; ordered from best to worst. */
    public enum Verdict {
        /** No threshold: nothing to judge. */
        NONE("—"),
        PASS("pass"),
        WARN("warn"),
        /** The value is undefined (NaN) or missing. */
        UNDEFINED("n/a"),
        FAIL("fail");

        private final String label;

        Verdict(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        static Verdict worst(Verdict a, Verdict b) {
            return a.ordinal() >= b.ordinal() ? a : b;
        }
    }

    /** One judged measure. */
    public record Check(String key, double value, Measure measure, Verdict verdict) {
        /** "≤ 0.60 pass, > 0.75 fail" in the measure's terms. */
        public String bounds() {
            Measure.Threshold t = measure.threshold().orElseThrow();
            String better = switch (measure.goal()) {
                case MAXIMISE -> "≥ ";
                case MINIMISE -> "≤ ";
                default -> "|x − " + Comparison.format(measure.target()) + "| ≤ ";
            };
            String worse = switch (measure.goal()) {
                case MAXIMISE -> "< ";
                case MINIMISE -> "> ";
                default -> "|x − " + Comparison.format(measure.target()) + "| > ";
            };
            double pass = measure.goal() == Measure.Goal.TARGET ? Math.abs(t.pass() - measure.target()) : t.pass();
            double fail = measure.goal() == Measure.Goal.TARGET ? Math.abs(t.fail() - measure.target()) : t.fail();
            return "pass " + better + Comparison.format(pass) + ", fail " + worse + Comparison.format(fail);
        }
    }

    /**
     * One family: its headline (key, value, declaration if any), the verdict and the checks behind it;
     * {@code best} names the best setting for a sweep's card, else empty.
     */
    public record Row(String family, String headline, double value, Optional<Measure> measure, Verdict verdict, List<Check> checks,
            Optional<String> best) {
        /** The ideal of the headline, or NaN when it has none. */
        public double ideal() {
            return measure.map(Measure::ideal).orElse(Double.NaN);
        }
    }

    private final List<Row> rows;
    private final List<String> notes;

    private ScoreCard(List<Row> rows) {
        this(rows, List.of());
    }

    private ScoreCard(List<Row> rows, List<String> notes) {
        this.rows = List.copyOf(rows);
        this.notes = List.copyOf(notes);
    }

    public List<Row> rows() {
        return rows;
    }

    /** Lines shown under the card: the model's caveats ("warning: …"), then what it recorded about itself. */
    public List<String> notes() {
        return notes;
    }

    /** This card with these notes under it. */
    public ScoreCard withNotes(List<String> notes) {
        return new ScoreCard(rows, notes);
    }

    /**
     * The notes of a run: each caveat the model recorded, then each value it recorded about itself
     * ({@code privacy.epsilon-spent = 0.9999}), so that the budget a private model spent is read beside the verdicts.
     */
    public static List<String> notes(Map<String, Double> results, Collection<String> modelResults, List<String> warnings) {
        List<String> out = new ArrayList<>();
        warnings.forEach(w -> out.add("warning: " + w));
        for (String key : modelResults) {
            Double v = results.get(key);
            if (v != null) {
                out.add(key + " = " + Comparison.format(v) + " (recorded by the model)");
            }
        }
        return out;
    }

    /** The verdict of one value against a declared threshold (at the pass bound: pass; at the fail bound: warn). */
    public static Verdict judge(Measure measure, double value) {
        if (measure.threshold().isEmpty() || !measure.isScore()) {
            return Verdict.NONE;
        }
        if (Double.isNaN(value)) {
            return Verdict.UNDEFINED;
        }
        Measure.Threshold t = measure.threshold().get();
        double b = measure.badness(value);
        if (b <= measure.badness(t.pass())) {
            return Verdict.PASS;
        }
        return b > measure.badness(t.fail()) ? Verdict.FAIL : Verdict.WARN;
    }

    /**
     * The card of one run.
     *
     * @param results   every final value, by full key
     * @param headlines each metric's headline key ({@code metric -> metric.key})
     * @param measures  the run's declarations (with the experiment's thresholds applied)
     */
    public static ScoreCard of(Map<String, Double> results, Map<String, String> headlines, Measures measures) {
        return new ScoreCard(rows(results, headlines, measures, Map.of()));
    }

    /**
     * A sweep's card: per family, the best setting by the declared goals, judged on that setting's mean values.
     */
    public static ScoreCard ofSweep(Comparison comparison) {
        Map<String, String> headlines = new LinkedHashMap<>();
        for (String m : comparison.metrics()) {
            if (comparison.isHeadline(m)) {
                headlines.putIfAbsent(Comparison.family(m), m);
            }
        }
        Map<String, Measure> declared = new LinkedHashMap<>();
        comparison.metrics().forEach(m -> comparison.measure(m).ifPresent(x -> declared.put(m, x)));
        Map<String, String> bestSetting = new LinkedHashMap<>();
        comparison.best().forEach(b -> bestSetting.put(b.family(), b.setting()));
        List<Row> out = new ArrayList<>();
        for (String family : families(comparison.metrics(), headlines)) {
            String setting = bestSetting.get(family);
            boolean judged = declared.entrySet().stream().anyMatch(e -> Comparison.family(e.getKey()).equals(family) && e.getValue().threshold().isPresent());
            if (!headlines.containsKey(family) && !judged) {
                continue; // nothing to say at a glance, as for a single run
            }
            if (setting == null) {
                String headline = headlines.get(family);
                out.add(new Row(family, headline == null ? "" : headline, Double.NaN,
                        headline == null ? Optional.empty() : comparison.measure(headline), Verdict.NONE, List.of(),
                        Optional.of("no single best (tie, unranked or degenerate)")));
                continue;
            }
            Map<String, Double> means = new LinkedHashMap<>();
            for (String m : comparison.metrics()) {
                if (Comparison.family(m).equals(family)) {
                    comparison.entry(m, setting).ifPresent(e -> means.put(m, e.stats().mean()));
                }
            }
            List<Row> one = rows(means, headlines.containsKey(family) ? Map.of(family, headlines.get(family)) : Map.of(),
                    Measures.of(declared), Map.of(family, setting));
            out.addAll(one);
        }
        return new ScoreCard(out);
    }

    /** Families in the order their values were recorded, then any headline family without values. */
    private static List<String> families(Iterable<String> keys, Map<String, String> headlines) {
        List<String> out = new ArrayList<>();
        for (String k : keys) {
            String f = Comparison.family(k);
            if (!out.contains(f)) {
                out.add(f);
            }
        }
        headlines.keySet().stream().filter(f -> !out.contains(f)).forEach(out::add);
        return out;
    }

    private static List<Row> rows(Map<String, Double> results, Map<String, String> headlines, Measures measures, Map<String, String> best) {
        Map<String, String> byFamily = new LinkedHashMap<>();
        headlines.forEach((metric, key) -> byFamily.putIfAbsent(Comparison.family(key), key));
        List<Row> out = new ArrayList<>();
        for (String family : families(results.keySet(), byFamily)) {
            List<Check> checks = new ArrayList<>();
            Verdict verdict = Verdict.NONE;
            for (Map.Entry<String, Double> e : results.entrySet()) {
                if (!Comparison.family(e.getKey()).equals(family)) {
                    continue;
                }
                Optional<Measure> m = measures.of(e.getKey());
                if (m.isPresent() && m.get().threshold().isPresent()) {
                    Verdict v = judge(m.get(), e.getValue());
                    checks.add(new Check(e.getKey(), e.getValue(), m.get(), v));
                    verdict = Verdict.worst(verdict, v);
                }
            }
            String headline = byFamily.get(family);
            if (headline == null && checks.isEmpty()) {
                continue; // a family with neither a headline nor a check has nothing to say at a glance
            }
            if (headline == null) {
                headline = checks.get(0).key();
            }
            Double value = results.get(headline);
            out.add(new Row(family, headline, value == null ? Double.NaN : value, measures.of(headline), verdict, List.copyOf(checks),
                    Optional.ofNullable(best.get(family))));
        }
        return out;
    }

    /** Terminal lines: a header and a row per family ({@code family  headline = value (ideal x)  verdict}). */
    public List<List<String>> table() {
        List<List<String>> out = new ArrayList<>();
        for (Row r : rows) {
            List<String> failing = r.checks().stream().filter(c -> c.verdict() == Verdict.FAIL || c.verdict() == Verdict.WARN
                    || c.verdict() == Verdict.UNDEFINED).map(c -> c.key() + " " + Comparison.format(c.value()) + " (" + c.bounds() + ")").toList();
            out.add(List.of(r.family(), r.headline(), Comparison.format(r.value()), Double.isNaN(r.ideal()) ? "" : Comparison.format(r.ideal()),
                    r.verdict().label(), r.best().map(b -> failing.isEmpty() ? b : b + "; " + String.join("; ", failing))
                            .orElse(String.join("; ", failing))));
        }
        return out;
    }

    public static List<String> header(boolean sweep) {
        return List.of("family", "headline", sweep ? "mean" : "value", "ideal", "verdict", sweep ? "best setting; why" : "why");
    }

    /** Markdown for the MLflow run description. */
    public String markdown(boolean sweep) {
        StringBuilder sb = new StringBuilder();
        sb.append("| ").append(String.join(" | ", header(sweep))).append(" |\n|");
        header(sweep).forEach(h -> sb.append("---|"));
        sb.append('\n');
        for (List<String> row : table()) {
            sb.append("| ");
            for (int i = 0; i < row.size(); i++) {
                String cell = row.get(i).replace("|", "\\|");
                sb.append(i == 4 ? "**" + cell + "**" : cell).append(" | ");
            }
            sb.setLength(sb.length() - 1);
            sb.append('\n');
        }
        if (!notes.isEmpty()) {
            sb.append('\n');
            notes.forEach(n -> sb.append("- ").append(n.startsWith("warning: ") ? "**warning:** " + n.substring(9) : n).append('\n'));
        }
        return sb.toString();
    }

    /** As JSON-ready maps, for run.json. */
    public List<Map<String, Object>> toJson() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Row r : rows) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("family", r.family());
            x.put("headline", r.headline());
            x.put("value", Double.isFinite(r.value()) ? r.value() : null);
            x.put("ideal", Double.isFinite(r.ideal()) ? r.ideal() : null);
            x.put("verdict", r.verdict().label());
            r.best().ifPresent(b -> x.put("best", b));
            List<Map<String, Object>> checks = new ArrayList<>();
            for (Check c : r.checks()) {
                Map<String, Object> y = new LinkedHashMap<>();
                y.put("key", c.key());
                y.put("value", Double.isFinite(c.value()) ? c.value() : null);
                y.put("verdict", c.verdict().label());
                y.put("bounds", c.bounds());
                checks.add(y);
            }
            x.put("checks", checks);
            out.add(x);
        }
        return out;
    }
}
