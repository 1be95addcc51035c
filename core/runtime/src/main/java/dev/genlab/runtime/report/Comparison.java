package dev.genlab.runtime.report;

import dev.genlab.runtime.store.StoredRun;
import dev.genlab.runtime.util.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Runs side by side, the way a sweep is read: runs that differ only in their seed form one <em>setting</em>, and
 * each metric gets mean, sample standard deviation (n − 1), min, max and n over a setting's runs, a rank among the
 * settings, and a best setting per metric family.
 *
 * <ul>
 *   <li><b>Settings.</b> Runs are grouped by all their params except {@linkplain #IGNORED_PARAMS the ones that
 *       name or seed a run}; a setting is labelled by the params that vary across settings
 *       ({@code model.type=ctgan, model.epochs=300}), or by its model type if nothing varies.</li>
 *   <li><b>Statistics.</b> Over the finite values of the setting's runs; std is NaN for a single value.</li>
 *   <li><b>Rank.</b> Settings are ranked by mean in the metric's {@linkplain Direction direction}; equal means share
 *       a rank and the next rank is skipped (1, 1, 3). A setting without the metric has no rank (0).</li>
 *   <li><b>Best per family.</b> A family is the metric name before the first '.'. If the runs name a headline for
 *       it, the best setting is the one ranked first on the headline; otherwise the one with the lowest mean rank
 *       over the family's metrics (ties: the first setting).</li>
 * </ul>
 */
public final class Comparison {
    /** Params that identify or seed a run rather than configure what it tests. */
    public static final Set<String> IGNORED_PARAMS = Set.of("seed", "name");
    private static final List<String> IGNORED_PREFIXES = List.of("tracking.", "sweep.");

    /** Which way is better for a metric. */
    public enum Direction {
        HIGHER_IS_BETTER,
        LOWER_IS_BETTER;

        /** Tokens that make a key lower-is-better (rule 6 of {@link #of}). */
        static final Set<String> LOWER_TOKENS = Set.of("loss", "error", "distance", "gap", "difference", "diff", "divergence",
                "mse", "mae", "rmse", "wasserstein", "kl", "jsd", "exact", "copies", "risk", "disparity", "change", "delta", "shift");
        /**
         * Measures of text and image metrics that are lower-is-better wherever they stand in a key (rule 5 of
         * {@link #of}), even after a family named "…-quality": perplexity, bits per character, Fréchet distance,
         * self-BLEU (lower is more diverse).
         */
        static final Set<String> LOWER_MEASURES = Set.of("perplexity", "bits", "frechet", "bleu");
        /** Tokens that make a key higher-is-better (rule 6 of {@link #of}). */
        static final Set<String> HIGHER_TOKENS = Set.of("similarity", "complement", "score", "overall", "shape", "shapes", "trend",
                "trends", "quality", "accuracy", "auc", "f1", "precision", "recall", "coverage", "density", "ratio", "impact", "r2");

        /**
         * The direction of a metric key. The key is cut into '.'-separated parts and those into lower-case tokens
         * (at {@code _ - /}); the family is the first part. The first rule that matches decides:
         * <ol>
         *   <li>a token {@code seconds} or {@code time}: lower (cost);</li>
         *   <li>family {@code privacy} with {@code distance}, {@code dcr} or {@code nndr}: higher (further from real
         *       records is more private);</li>
         *   <li>family {@code detection} with {@code auc} or {@code accuracy}: lower (0.5 — a detector that cannot tell
         *       synthetic from real — is the best there is);</li>
         *   <li>family {@code privacy} with {@code auc}, {@code accuracy}, {@code advantage} or {@code attack}: lower
         *       (attack success);</li>
         *   <li>a token in {@link #LOWER_MEASURES} ({@code perplexity, bits, frechet, bleu}) or a part
         *       {@code class-tv}: lower;</li>
         *   <li>the leftmost '.'-part with a token in {@link #LOWER_TOKENS} ({@code loss, error, distance, gap,
         *       difference, divergence, …}: lower) or in {@link #HIGHER_TOKENS} ({@code similarity, score, accuracy, …}:
         *       higher) decides, lower winning within a part ({@code shape-distance} is lower-is-better). Leftmost, so
         *       that a column named in a detail key does not decide: {@code fidelity.contingency-similarity.race.capital-loss}
         *       is higher-is-better;</li>
         *   <li>otherwise higher.</li>
         * </ol>
         */
        public static Direction of(String key) {
            List<String> tokens = Arrays.asList(key.toLowerCase(Locale.ROOT).split("[._/\\-]+"));
            String family = tokens.isEmpty() ? "" : tokens.get(0);
            if (tokens.contains("seconds") || tokens.contains("time")) {
                return LOWER_IS_BETTER;
            }
            if (family.equals("privacy") && anyOf(tokens, "distance", "dcr", "nndr")) {
                return HIGHER_IS_BETTER;
            }
            if (family.equals("detection") && anyOf(tokens, "auc", "accuracy")) {
                return LOWER_IS_BETTER;
            }
            if (family.equals("privacy") && anyOf(tokens, "auc", "accuracy", "advantage", "attack")) {
                return LOWER_IS_BETTER;
            }
            if (tokens.stream().anyMatch(LOWER_MEASURES::contains)
                    || Arrays.asList(key.toLowerCase(Locale.ROOT).split("\\.")).contains("class-tv")) {
                return LOWER_IS_BETTER;
            }
            for (String part : key.toLowerCase(Locale.ROOT).split("\\.")) {
                List<String> words = Arrays.asList(part.split("[_/\\-]+"));
                if (words.stream().anyMatch(LOWER_TOKENS::contains)) {
                    return LOWER_IS_BETTER;
                }
                if (words.stream().anyMatch(HIGHER_TOKENS::contains)) {
                    return HIGHER_IS_BETTER;
                }
            }
            return HIGHER_IS_BETTER;
        }

        private static boolean anyOf(List<String> tokens, String... wanted) {
            for (String w : wanted) {
                if (tokens.contains(w)) {
                    return true;
                }
            }
            return false;
        }

        public String arrow() {
            return this == HIGHER_IS_BETTER ? "↑" : "↓";
        }
    }

    /** What a comparison needs of a run. */
    public record Trial(String runId, Map<String, String> params, Map<String, Double> results, Map<String, String> headlines) {
        public Trial {
            Objects.requireNonNull(runId, "runId is null");
            params = Map.copyOf(params);
            results = new LinkedHashMap<>(results);
            headlines = Map.copyOf(headlines);
        }

        static Trial of(StoredRun run) throws IOException {
            Map<String, String> headlines = new LinkedHashMap<>();
            if (run.field("headlines") instanceof Map<?, ?> map) {
                map.forEach((k, v) -> headlines.put(String.valueOf(k), String.valueOf(v)));
            }
            return new Trial(run.id(), run.params(), run.results(), headlines);
        }
    }

    /** Runs that differ only in seed; {@code params} are the grouping params (seed and names left out). */
    public record Setting(String label, Map<String, String> params, List<String> runIds) {
    }

    /** Statistics of one metric over one setting's runs. */
    public record Stats(int n, double mean, double std, double min, double max) {
        static Stats of(List<Double> values) {
            double[] v = values.stream().mapToDouble(Double::doubleValue).filter(Double::isFinite).toArray();
            int n = v.length;
            if (n == 0) {
                return new Stats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
            }
            double mean = Arrays.stream(v).sum() / n;
            double ss = 0;
            for (double x : v) {
                ss += (x - mean) * (x - mean);
            }
            double std = n > 1 ? Math.sqrt(ss / (n - 1)) : Double.NaN;
            return new Stats(n, mean, std, Arrays.stream(v).min().getAsDouble(), Arrays.stream(v).max().getAsDouble());
        }
    }

    /** One metric of one setting; {@code rank} 1 is best, 0 when the setting has no value. */
    public record Entry(String metric, Direction direction, String setting, Stats stats, int rank) {
    }

    /** The best setting of a metric family and why ({@code basis}: "headline" or "mean rank over N metrics"). */
    public record Best(String family, String metric, String basis, String setting, double mean) {
    }

    private final List<Trial> trials;
    private final List<Setting> settings;
    private final List<String> metrics;
    private final Map<String, Map<String, Entry>> entries;
    private final Set<String> headlines;
    private final List<Best> best;

    private Comparison(List<Trial> trials) {
        this.trials = List.copyOf(trials);
        this.settings = group(this.trials);
        Set<String> keys = new LinkedHashSet<>();
        Set<String> heads = new LinkedHashSet<>();
        for (Trial t : this.trials) {
            keys.addAll(t.results().keySet());
            heads.addAll(t.headlines().values());
        }
        this.metrics = List.copyOf(keys);
        this.headlines = heads;
        this.entries = new LinkedHashMap<>();
        Map<String, Trial> byId = new LinkedHashMap<>();
        this.trials.forEach(t -> byId.put(t.runId(), t));
        for (String metric : metrics) {
            Direction direction = Direction.of(metric);
            Map<String, Stats> stats = new LinkedHashMap<>();
            for (Setting s : settings) {
                List<Double> values = new ArrayList<>();
                for (String id : s.runIds()) {
                    Double v = byId.get(id).results().get(metric);
                    if (v != null) {
                        values.add(v);
                    }
                }
                stats.put(s.label(), Stats.of(values));
            }
            Map<String, Entry> row = new LinkedHashMap<>();
            for (Map.Entry<String, Stats> e : stats.entrySet()) {
                row.put(e.getKey(), new Entry(metric, direction, e.getKey(), e.getValue(), rank(e.getValue(), stats.values(), direction)));
            }
            entries.put(metric, row);
        }
        this.best = bestPerFamily();
    }

    /** Compares stored runs (each run's params, results and headlines). */
    public static Comparison of(List<StoredRun> runs) throws IOException {
        List<Trial> trials = new ArrayList<>();
        for (StoredRun r : runs) {
            trials.add(Trial.of(r));
        }
        return new Comparison(trials);
    }

    public static Comparison ofTrials(List<Trial> trials) {
        return new Comparison(trials);
    }

    public List<Trial> trials() {
        return trials;
    }

    public List<Setting> settings() {
        return settings;
    }

    /** Every metric key any run has, in first-seen order. */
    public List<String> metrics() {
        return metrics;
    }

    /**
     * The metrics worth a line in a terminal or a chart: headlines and keys with at most one '.' (per-column
     * details such as {@code fidelity.shape.age} stay in the CSV and JSON).
     */
    public List<String> mainMetrics() {
        return metrics.stream().filter(m -> headlines.contains(m) || m.indexOf('.') == m.lastIndexOf('.')).toList();
    }

    public boolean isHeadline(String metric) {
        return headlines.contains(metric);
    }

    public Optional<Entry> entry(String metric, String setting) {
        return Optional.ofNullable(entries.getOrDefault(metric, Map.of()).get(setting));
    }

    /** Entries of one metric, in setting order. */
    public List<Entry> entries(String metric) {
        return List.copyOf(entries.getOrDefault(metric, Map.of()).values());
    }

    public List<Best> best() {
        return best;
    }

    private static int rank(Stats mine, java.util.Collection<Stats> all, Direction direction) {
        if (mine.n() == 0) {
            return 0;
        }
        int better = 0;
        for (Stats other : all) {
            if (other.n() > 0 && (direction == Direction.HIGHER_IS_BETTER ? other.mean() > mine.mean() : other.mean() < mine.mean())) {
                better++;
            }
        }
        return better + 1;
    }

    private static boolean ignored(String key) {
        return IGNORED_PARAMS.contains(key) || IGNORED_PREFIXES.stream().anyMatch(key::startsWith);
    }

    private static List<Setting> group(List<Trial> trials) {
        Map<Map<String, String>, List<String>> groups = new LinkedHashMap<>();
        for (Trial t : trials) {
            Map<String, String> key = new TreeMap<>();
            t.params().forEach((k, v) -> {
                if (!ignored(k)) {
                    key.put(k, v);
                }
            });
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(t.runId());
        }
        Set<String> varying = new java.util.TreeSet<>();
        Set<String> allKeys = new java.util.TreeSet<>();
        groups.keySet().forEach(g -> allKeys.addAll(g.keySet()));
        for (String k : allKeys) {
            // a key varies when the settings that have it disagree; a key only some settings have (another model's
            // defaults) does not label them by itself
            Set<String> values = new java.util.HashSet<>();
            groups.keySet().forEach(g -> {
                if (g.containsKey(k)) {
                    values.add(g.get(k));
                }
            });
            if (values.size() > 1) {
                varying.add(k);
            }
        }
        List<Setting> out = new ArrayList<>();
        Set<String> labels = new java.util.HashSet<>();
        for (Map.Entry<Map<String, String>, List<String>> g : groups.entrySet()) {
            StringBuilder label = new StringBuilder();
            for (String k : varying) {
                if (g.getKey().containsKey(k)) {
                    label.append(label.length() == 0 ? "" : ", ").append(k).append('=').append(g.getKey().get(k));
                }
            }
            if (label.length() == 0) {
                label.append(g.getKey().getOrDefault("model.type", "all runs"));
            }
            String l = label.toString();
            for (int n = 2; !labels.add(l); n++) {
                l = label + " #" + n;
            }
            out.add(new Setting(l, Map.copyOf(g.getKey()), List.copyOf(g.getValue())));
        }
        return List.copyOf(out);
    }

    private List<Best> bestPerFamily() {
        Map<String, List<String>> families = new LinkedHashMap<>();
        for (String m : metrics) {
            families.computeIfAbsent(family(m), f -> new ArrayList<>()).add(m);
        }
        List<Best> out = new ArrayList<>();
        for (Map.Entry<String, List<String>> f : families.entrySet()) {
            Optional<String> headline = f.getValue().stream().filter(headlines::contains).findFirst();
            if (headline.isPresent()) {
                entries(headline.get()).stream().filter(e -> e.rank() == 1).findFirst()
                        .ifPresent(e -> out.add(new Best(f.getKey(), headline.get(), "headline", e.setting(), e.stats().mean())));
                continue;
            }
            String bestSetting = null;
            double bestMeanRank = Double.POSITIVE_INFINITY;
            for (Setting s : settings) {
                double sum = 0;
                int n = 0;
                for (String m : f.getValue()) {
                    int r = entries.get(m).get(s.label()).rank();
                    if (r > 0) {
                        sum += r;
                        n++;
                    }
                }
                if (n > 0 && sum / n < bestMeanRank) {
                    bestMeanRank = sum / n;
                    bestSetting = s.label();
                }
            }
            if (bestSetting != null) {
                out.add(new Best(f.getKey(), "", "mean rank over " + f.getValue().size() + " metrics", bestSetting, bestMeanRank));
            }
        }
        return List.copyOf(out);
    }

    /** The metric name before the first '.'. */
    public static String family(String metric) {
        int dot = metric.indexOf('.');
        return dot < 0 ? metric : metric.substring(0, dot);
    }

    /** Column names of {@link #rows}. */
    public static List<String> header() {
        return List.of("metric", "setting", "mean ± std", "min", "max", "n", "rank");
    }

    /** Terminal rows: one per metric and setting; {@code all} includes per-column detail metrics. */
    public List<List<String>> rows(boolean all) {
        List<List<String>> out = new ArrayList<>();
        for (String m : all ? metrics : mainMetrics()) {
            for (Entry e : entries(m)) {
                Stats s = e.stats();
                out.add(List.of(m + " " + e.direction().arrow(), e.setting(),
                        format(s.mean()) + " ± " + formatSpread(s.std()), format(s.min()), format(s.max()), Integer.toString(s.n()),
                        e.rank() == 0 ? "" : e.rank() + (e.rank() == 1 && settings.size() > 1 ? " ★" : "")));
            }
        }
        return out;
    }

    /** Every metric and setting as CSV (RFC 4180), empty fields for undefined values. */
    public String csv() {
        StringBuilder sb = new StringBuilder("metric,family,direction,setting,n,mean,std,min,max,rank\n");
        for (String m : metrics) {
            for (Entry e : entries(m)) {
                Stats s = e.stats();
                sb.append(csvField(m)).append(',').append(csvField(family(m))).append(',')
                        .append(e.direction() == Direction.HIGHER_IS_BETTER ? "higher" : "lower").append(',')
                        .append(csvField(e.setting())).append(',').append(s.n()).append(',')
                        .append(csvNumber(s.mean())).append(',').append(csvNumber(s.std())).append(',')
                        .append(csvNumber(s.min())).append(',').append(csvNumber(s.max())).append(',')
                        .append(e.rank() == 0 ? "" : Integer.toString(e.rank())).append('\n');
            }
        }
        return sb.toString();
    }

    /** Settings (with their runs), every metric's entries and the best settings, as JSON (undefined numbers: null). */
    public byte[] json() {
        Map<String, Object> root = new LinkedHashMap<>();
        List<Map<String, Object>> s = new ArrayList<>();
        for (Setting setting : settings) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("label", setting.label());
            m.put("params", new TreeMap<>(setting.params()));
            m.put("runs", setting.runIds());
            s.add(m);
        }
        root.put("settings", s);
        List<Map<String, Object>> ms = new ArrayList<>();
        for (String metric : metrics) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("metric", metric);
            m.put("family", family(metric));
            m.put("direction", Direction.of(metric) == Direction.HIGHER_IS_BETTER ? "higher" : "lower");
            List<Map<String, Object>> es = new ArrayList<>();
            for (Entry e : entries(metric)) {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("setting", e.setting());
                x.put("n", e.stats().n());
                x.put("mean", finite(e.stats().mean()));
                x.put("std", finite(e.stats().std()));
                x.put("min", finite(e.stats().min()));
                x.put("max", finite(e.stats().max()));
                x.put("rank", e.rank() == 0 ? null : e.rank());
                es.add(x);
            }
            m.put("entries", es);
            ms.add(m);
        }
        root.put("metrics", ms);
        List<Map<String, Object>> bs = new ArrayList<>();
        for (Best b : best) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("family", b.family());
            x.put("metric", b.metric().isEmpty() ? null : b.metric());
            x.put("basis", b.basis());
            x.put("setting", b.setting());
            x.put(b.metric().isEmpty() ? "mean_rank" : "mean", finite(b.mean()));
            bs.add(x);
        }
        root.put("best", bs);
        return Json.bytes(root);
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /** A number for people: 4 decimals, or 4 significant digits when very large or small; "n/a" if undefined. */
    public static String format(double v) {
        if (!Double.isFinite(v)) {
            return "n/a";
        }
        return Math.abs(v) >= 1e5 || (v != 0 && Math.abs(v) < 1e-3) ? String.format(Locale.ROOT, "%.4g", v) : String.format(Locale.ROOT, "%.4f", v);
    }

    /** A standard deviation beside a {@link #format}ted mean: the same 4 decimals, or 2 significant digits when tiny. */
    public static String formatSpread(double v) {
        if (!Double.isFinite(v)) {
            return "n/a";
        }
        return v == 0 || Math.abs(v) >= 5e-5 && Math.abs(v) < 1e5 ? String.format(Locale.ROOT, "%.4f", v) : String.format(Locale.ROOT, "%.2g", v);
    }

    private static String csvNumber(double v) {
        return Double.isFinite(v) ? Double.toString(v) : "";
    }

    private static String csvField(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
