package dev.genlab.runtime.report;

import dev.genlab.runtime.store.StoredRun;
import dev.genlab.runtime.util.Json;
import dev.genlab.spi.Measure;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Runs side by side, the way a sweep is read: runs that differ only in their seed form one <em>setting</em>, and
 * each metric gets mean, sample standard deviation (n − 1), min, max and n over a setting's runs, a rank among the
 * settings, and a best setting per metric family.
 *
 * <ul>
 *   <li><b>Settings.</b> Runs are grouped by all their params except {@linkplain #IGNORED_PARAMS the ones that
 *       name or seed a run}; a setting is labelled by the params that vary across settings
 *       ({@code model.type=ctgan, model.epochs=300}), or by its model type if nothing varies. A key set in some
 *       settings of a model and unset in others labels them too ({@code dataset.max-rows=(unset)}).</li>
 *   <li><b>Goals.</b> What "better" means comes from the {@link Measure} each run's metrics declared
 *       ({@link Measures}, stored with the run); nothing is guessed from a key's words. Information measures and
 *       measures whose goal is unknown get statistics but no rank.</li>
 *   <li><b>Statistics.</b> Over the finite values of the setting's runs; std is NaN for a single value.</li>
 *   <li><b>Rank.</b> Settings are ranked by how far their mean is from good ({@link Measure#badness}: higher
 *       is better, lower is better, or closest to the target); equal means share a rank and the next rank is skipped
 *       (1, 1, 3). A setting without the metric, or with a degenerate run, has no rank (0).</li>
 *   <li><b>Degenerate runs.</b> A run whose data fell below what a metric declared it needs (recorded as
 *       {@code degenerate} in run.json) or whose headline is NaN is marked; a setting with such a run is shown
 *       but never ranked and never best.</li>
 *   <li><b>Best per family.</b> A family is the metric name before the first '.'. If the runs name a headline
 *       score for it, the best setting is the one ranked first, alone, on the headline (a tie names no best);
 *       otherwise the one with the lowest mean rank over the family's scores.</li>
 *   <li><b>Warnings.</b> When runs grouped under one setting differ in anything outside the label that can
 *       change their numbers (dataset content, genlab or plugin versions, measure declarations), the comparison
 *       says so, naming the keys.</li>
 * </ul>
 */
public final class Comparison {
    /** Params that identify or seed a run rather than configure what it tests. */
    public static final Set<String> IGNORED_PARAMS = Set.of("seed", "name");
    private static final List<String> IGNORED_PREFIXES = List.of("tracking.", "sweep.", "report.");
    /** Tags that must agree within a setting for its runs to be comparable. */
    private static final List<String> PROVENANCE_TAGS = List.of("genlab.dataset.sha256", "genlab.version");
    private static final String PLUGIN_TAG_PREFIX = "genlab.plugin.";
    private static final String UNSET = "(unset)";

    /**
     * What a comparison needs of a run.
     *
     * @param measures   the declarations of its values
     * @param degenerate why the run's numbers do not mean much (data below a metric's minimum sizes); empty if fine
     * @param tags       its provenance tags (dataset digest, versions)
     */
    public record Trial(String runId, Map<String, String> params, Map<String, Double> results, Map<String, String> headlines,
            Measures measures, List<String> degenerate, Map<String, String> tags) {
        public Trial {
            Objects.requireNonNull(runId, "runId is null");
            params = Map.copyOf(params);
            results = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(results));
            headlines = Map.copyOf(headlines);
            Objects.requireNonNull(measures, "measures is null");
            degenerate = List.copyOf(degenerate);
            tags = Map.copyOf(tags);
        }

        static Trial of(StoredRun run) throws IOException {
            return new Trial(run.id(), run.params(), run.results(), Comparison.headlines(run), Measures.read(run), Comparison.degenerate(run), run.tags());
        }

        /** Why this run is excluded from ranks: its recorded reasons, and each headline whose value is NaN. */
        public List<String> exclusions() {
            List<String> out = new ArrayList<>(degenerate);
            for (String h : headlines.values()) {
                Double v = results.get(h);
                if (v != null && Double.isNaN(v)) {
                    out.add("headline " + h + " is undefined (NaN)");
                }
            }
            return out;
        }
    }

    /** Each metric's headline key of a stored run ({@code metric -> metric.key}). */
    public static Map<String, String> headlines(StoredRun run) {
        Map<String, String> headlines = new LinkedHashMap<>();
        if (run.field("headlines") instanceof Map<?, ?> map) {
            map.forEach((k, v) -> headlines.put(String.valueOf(k), String.valueOf(v)));
        }
        return headlines;
    }

    /** The degenerate reasons a stored run recorded. */
    public static List<String> degenerate(StoredRun run) {
        List<String> out = new ArrayList<>();
        if (run.field("degenerate") instanceof List<?> list) {
            list.forEach(x -> out.add(String.valueOf(x)));
        }
        return out;
    }

    /**
     * Runs that differ only in seed; {@code params} are the grouping params (seed and names left out).
     * {@code excluded} says why the setting is not ranked: each of its runs' degenerate reasons once, followed by the
     * runs it applies to ("(all 3 runs)" or their ids); empty when it is ranked.
     */
    public record Setting(String label, Map<String, String> params, List<String> runIds, List<String> excluded) {
        public boolean ranked() {
            return excluded.isEmpty();
        }
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

    /**
     * One metric of one setting; {@code rank} 1 is best, 0 when unranked (information, goal unknown, no value, or
     * a degenerate setting); {@code alone} when no other setting shares the rank.
     */
    public record Entry(String metric, Optional<Measure> measure, String setting, Stats stats, int rank, boolean alone) {
        /** Rank 1, alone, among more than one ranked setting: the ★. */
        public boolean star() {
            return rank == 1 && alone;
        }
    }

    /**
     * The best setting of a metric family and why ({@code basis}: "headline" or "mean rank over N scores");
     * {@code mean} is the headline's mean, or the mean rank.
     */
    public record Best(String family, String metric, String basis, String setting, double mean) {
    }

    private final List<Trial> trials;
    private final List<Setting> settings;
    private final List<String> metrics;
    private final Map<String, Optional<Measure>> measures;
    private final Map<String, Map<String, Entry>> entries;
    private final Set<String> headlines;
    private final List<Best> best;
    private final List<String> warnings = new ArrayList<>();

    private Comparison(List<Trial> trials) {
        this.trials = List.copyOf(trials);
        this.settings = group(this.trials, warnings);
        Set<String> keys = new LinkedHashSet<>();
        Set<String> heads = new LinkedHashSet<>();
        for (Trial t : this.trials) {
            keys.addAll(t.results().keySet());
            heads.addAll(t.headlines().values());
        }
        this.metrics = List.copyOf(keys);
        this.headlines = heads;
        this.measures = declarations(this.trials, metrics, warnings);
        this.entries = new LinkedHashMap<>();
        Map<String, Trial> byId = new LinkedHashMap<>();
        this.trials.forEach(t -> byId.put(t.runId(), t));
        for (String metric : metrics) {
            Optional<Measure> measure = measures.get(metric);
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
            Map<String, Integer> ranks = ranks(measure, stats);
            Map<String, Entry> row = new LinkedHashMap<>();
            for (Setting s : settings) {
                int rank = ranks.getOrDefault(s.label(), 0);
                boolean alone = rank > 0 && ranks.values().stream().filter(r -> r == rank).count() == 1 && ranks.size() > 1;
                row.put(s.label(), new Entry(metric, measure, s.label(), stats.get(s.label()), rank, alone));
            }
            entries.put(metric, row);
        }
        this.best = bestPerFamily();
    }

    /** Compares stored runs (each run's params, results, headlines, declarations and tags). */
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

    /**
     * The settings left unranked, grouped by identical reasons, in the settings' order: a reader is told each set of
     * reasons once (heart-dp's 13 settings all lack the same test rows: one line, not thirteen).
     */
    public List<Unranked> unranked() {
        Map<List<String>, List<String>> byReasons = new LinkedHashMap<>();
        for (Setting s : settings) {
            if (!s.ranked()) {
                byReasons.computeIfAbsent(s.excluded(), k -> new ArrayList<>()).add(s.label());
            }
        }
        List<Unranked> out = new ArrayList<>();
        byReasons.forEach((reasons, labels) -> out.add(new Unranked(labels, reasons, settings.size())));
        return out;
    }

    /** Settings ({@code labels}, of {@code ofSettings} in the comparison) not ranked for the same {@code reasons}. */
    public record Unranked(List<String> labels, List<String> reasons, int ofSettings) {
        /** "setting 'a'", "settings 'a', 'b'" or "all 13 settings", then the reasons. */
        public String describe() {
            String who;
            if (labels.size() == ofSettings && ofSettings > 1) {
                who = "all " + ofSettings + " settings";
            } else {
                who = (labels.size() == 1 ? "setting " : "settings ") + labels.stream().map(l -> "'" + l + "'").collect(java.util.stream.Collectors.joining(", "));
            }
            return who + ": " + String.join("; ", reasons);
        }
    }

    /** Every metric key any run has, in first-seen order. */
    public List<String> metrics() {
        return metrics;
    }

    /** What the runs declared about a metric; empty when the goal is unknown. */
    public Optional<Measure> measure(String metric) {
        return measures.getOrDefault(metric, Optional.empty());
    }

    /** Whether the metric is a declared score (ranked). */
    public boolean isScore(String metric) {
        return measure(metric).map(Measure::isScore).orElse(false);
    }

    /** What a reader must know before trusting the comparison: settings whose runs differ outside their label, and the like. */
    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    /**
     * The metrics worth a line in a terminal or a chart: headlines and keys with at most one '.' (per-column
     * details such as {@code fidelity.shape.age} stay in the CSV and JSON).
     */
    public List<String> mainMetrics() {
        return metrics.stream().filter(m -> headlines.contains(m) || m.indexOf('.') == m.lastIndexOf('.')).toList();
    }

    /** The main metrics that are declared scores: what is ranked, charted and coloured. */
    public List<String> mainScores() {
        return mainMetrics().stream().filter(this::isScore).toList();
    }

    /**
     * A numeric sweep axis against the headlines: {@code header} is the setting (its label without the axis), the
     * axis, then each headline metric; a row per setting, mean ± std over its seeds.
     */
    public record AxisTable(String axis, List<String> header, List<List<String>> rows) {
    }

    /**
     * One table per numeric sweep axis — a key in the settings' labels whose values are all numbers, at least two of
     * them (e.g. {@code model.epsilon}) — showing how each headline moves along it: settings grouped by the rest of
     * their label, in order of the axis value; a setting without the axis (a non-private baseline) has it empty.
     */
    public List<AxisTable> numericAxes() {
        List<String> heads = metrics.stream().filter(headlines::contains).toList();
        Set<String> keys = new TreeSet<>();
        settings.forEach(s -> keys.addAll(s.params().keySet()));
        List<AxisTable> out = new ArrayList<>();
        for (String key : keys) {
            Set<Double> values = new TreeSet<>();
            boolean numeric = true;
            boolean labelled = false;
            for (Setting s : settings) {
                labelled |= labelParts(s.label()).stream().anyMatch(p -> p.startsWith(key + "="));
                String v = s.params().get(key);
                if (v != null) {
                    Double x = number(v);
                    numeric &= x != null;
                    if (x != null) {
                        values.add(x);
                    }
                }
            }
            if (!numeric || !labelled || values.size() < 2 || heads.isEmpty()) {
                continue;
            }
            List<String> groups = new ArrayList<>();
            settings.forEach(s -> {
                String g = groupLabel(s, key);
                if (!groups.contains(g)) {
                    groups.add(g);
                }
            });
            List<Setting> ordered = new ArrayList<>(settings);
            ordered.sort(java.util.Comparator.<Setting>comparingInt(s -> groups.indexOf(groupLabel(s, key)))
                    .thenComparingDouble(s -> s.params().containsKey(key) ? number(s.params().get(key)) : Double.POSITIVE_INFINITY));
            List<String> header = new ArrayList<>(List.of("setting", key));
            header.addAll(heads);
            List<List<String>> rows = new ArrayList<>();
            for (Setting s : ordered) {
                List<String> row = new ArrayList<>(List.of(groupLabel(s, key), s.params().getOrDefault(key, "")));
                for (String h : heads) {
                    row.add(entry(h, s.label()).map(e -> meanAndSpread(e.stats())).orElse("n/a"));
                }
                rows.add(row);
            }
            out.add(new AxisTable(key, List.copyOf(header), List.copyOf(rows)));
        }
        return out;
    }

    private static List<String> labelParts(String label) {
        return List.of(label.split(", "));
    }

    /** A setting's label without the axis. */
    private static String groupLabel(Setting s, String axis) {
        String rest = String.join(", ", labelParts(s.label()).stream().filter(p -> !p.startsWith(axis + "=")).toList());
        return rest.isEmpty() ? s.params().getOrDefault("model.type", "all runs") : rest;
    }

    private static Double number(String v) {
        try {
            double x = Double.parseDouble(v.trim());
            return Double.isFinite(x) ? x : null;
        } catch (NumberFormatException e) {
            return null;
        }
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

    /** Ranks of the ranked settings (a declared score, a value, no degenerate run); equal means share a rank. */
    private Map<String, Integer> ranks(Optional<Measure> measure, Map<String, Stats> stats) {
        Map<String, Integer> out = new LinkedHashMap<>();
        if (measure.isEmpty() || !measure.get().isScore()) {
            return out;
        }
        Map<String, Double> badness = new LinkedHashMap<>();
        for (Setting s : settings) {
            Stats st = stats.get(s.label());
            if (s.ranked() && st.n() > 0) {
                badness.put(s.label(), measure.get().badness(st.mean()));
            }
        }
        for (Map.Entry<String, Double> e : badness.entrySet()) {
            int better = 0;
            for (double other : badness.values()) {
                if (other < e.getValue()) {
                    better++;
                }
            }
            out.put(e.getKey(), better + 1);
        }
        return out;
    }

    /** The declaration of each metric: the first run's that has one; a warning when runs declared it differently. */
    private static Map<String, Optional<Measure>> declarations(List<Trial> trials, List<String> metrics, List<String> warnings) {
        Map<String, Optional<Measure>> out = new LinkedHashMap<>();
        Set<String> differing = new TreeSet<>();
        Set<String> partly = new TreeSet<>();
        for (String metric : metrics) {
            Optional<Measure> chosen = Optional.empty();
            boolean someUndeclared = false;
            for (Trial t : trials) {
                if (!t.results().containsKey(metric)) {
                    continue;
                }
                Optional<Measure> m = t.measures().of(metric);
                if (m.isEmpty()) {
                    someUndeclared = true;
                } else if (chosen.isEmpty()) {
                    chosen = m;
                } else if (!sameGoal(chosen.get(), m.get())) {
                    differing.add(metric);
                }
            }
            if (someUndeclared && chosen.isPresent()) {
                partly.add(metric);
            }
            out.put(metric, chosen);
        }
        if (!differing.isEmpty()) {
            warnings.add("runs declare different goals for " + abbreviate(differing) + "; ranked by the first run's declaration");
        }
        if (!partly.isEmpty()) {
            warnings.add("some runs recorded no declaration for " + abbreviate(partly) + " (made before declarations, or by another plugin version)");
        }
        return out;
    }

    private static boolean sameGoal(Measure a, Measure b) {
        return a.goal() == b.goal() && (a.goal() != Measure.Goal.TARGET || a.target() == b.target());
    }

    private static String abbreviate(Set<String> keys) {
        List<String> list = List.copyOf(keys);
        return list.size() <= 5 ? String.join(", ", list) : String.join(", ", list.subList(0, 5)) + " and " + (list.size() - 5) + " more";
    }

    private static boolean ignored(String key) {
        return IGNORED_PARAMS.contains(key) || IGNORED_PREFIXES.stream().anyMatch(key::startsWith);
    }

    private static List<Setting> group(List<Trial> trials, List<String> warnings) {
        Map<Map<String, String>, List<Trial>> groups = new LinkedHashMap<>();
        for (Trial t : trials) {
            Map<String, String> key = new TreeMap<>();
            t.params().forEach((k, v) -> {
                if (!ignored(k)) {
                    key.put(k, v);
                }
            });
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(t);
        }
        Set<String> varying = varying(groups.keySet());
        List<Setting> out = new ArrayList<>();
        Set<String> labels = new HashSet<>();
        for (Map.Entry<Map<String, String>, List<Trial>> g : groups.entrySet()) {
            StringBuilder label = new StringBuilder();
            for (String k : varying) {
                if (g.getKey().containsKey(k) || sameModelHas(groups.keySet(), g.getKey(), k)) {
                    label.append(label.length() == 0 ? "" : ", ").append(k).append('=').append(g.getKey().getOrDefault(k, UNSET));
                }
            }
            if (label.length() == 0) {
                label.append(g.getKey().getOrDefault("model.type", "all runs"));
            }
            String l = label.toString();
            for (int n = 2; !labels.add(l); n++) {
                l = label + " #" + n;
            }
            List<String> ids = g.getValue().stream().map(Trial::runId).toList();
            // each reason once, with the runs it applies to (a sweep's trials of one setting usually share it)
            Map<String, List<String>> byReason = new LinkedHashMap<>();
            for (Trial t : g.getValue()) {
                t.exclusions().forEach(x -> byReason.computeIfAbsent(x, k -> new ArrayList<>()).add(t.runId()));
            }
            List<String> excluded = new ArrayList<>();
            byReason.forEach((reason, runs) -> excluded.add(reason + (runs.size() == ids.size() && ids.size() > 1
                    ? " (all " + ids.size() + " runs)" : " (" + String.join(", ", runs) + ")")));
            out.add(new Setting(l, Map.copyOf(g.getKey()), ids, List.copyOf(excluded)));
            Set<String> differ = differingProvenance(g.getValue());
            if (!differ.isEmpty()) {
                warnings.add("the runs of setting '" + l + "' differ in " + String.join(", ", differ)
                        + ", which is not in the label; their numbers may not be comparable");
            }
        }
        return List.copyOf(out);
    }

    /**
     * Keys that tell settings apart: values differ among the settings that have the key, or the key is set in some
     * settings of one model type and unset in others (a key only another model has does not label by itself).
     */
    private static Set<String> varying(Set<Map<String, String>> groups) {
        Set<String> allKeys = new TreeSet<>();
        groups.forEach(g -> allKeys.addAll(g.keySet()));
        Set<String> varying = new TreeSet<>();
        for (String k : allKeys) {
            Set<String> values = new HashSet<>();
            groups.forEach(g -> {
                if (g.containsKey(k)) {
                    values.add(g.get(k));
                }
            });
            if (values.size() > 1) {
                varying.add(k);
                continue;
            }
            for (Map<String, String> g : groups) {
                if (!g.containsKey(k) && sameModelHas(groups, g, k)) {
                    varying.add(k);
                    break;
                }
            }
        }
        return varying;
    }

    /** Whether another setting of the same model type as {@code g} sets {@code key}. */
    private static boolean sameModelHas(Set<Map<String, String>> groups, Map<String, String> g, String key) {
        String model = g.get("model.type");
        for (Map<String, String> other : groups) {
            if (other != g && Objects.equals(other.get("model.type"), model) && other.containsKey(key)) {
                return true;
            }
        }
        return false;
    }

    /** Provenance that differs among one setting's runs: the dataset digest, genlab and plugin versions. */
    private static Set<String> differingProvenance(List<Trial> runs) {
        Set<String> keys = new TreeSet<>();
        Set<String> tagKeys = new TreeSet<>(PROVENANCE_TAGS);
        runs.forEach(t -> t.tags().keySet().stream().filter(k -> k.startsWith(PLUGIN_TAG_PREFIX)).forEach(tagKeys::add));
        for (String k : tagKeys) {
            Set<String> values = new HashSet<>();
            runs.forEach(t -> values.add(t.tags().getOrDefault(k, UNSET)));
            if (values.size() > 1) {
                keys.add(k.equals("genlab.dataset.sha256") ? "the dataset's content (genlab.dataset.sha256)" : k);
            }
        }
        // params need no check here: a setting groups runs by every param that is not ignored
        return keys;
    }

    private List<Best> bestPerFamily() {
        Map<String, List<String>> families = new LinkedHashMap<>();
        for (String m : metrics) {
            if (isScore(m)) {
                families.computeIfAbsent(family(m), f -> new ArrayList<>()).add(m);
            }
        }
        List<Best> out = new ArrayList<>();
        for (Map.Entry<String, List<String>> f : families.entrySet()) {
            Optional<String> headline = f.getValue().stream().filter(headlines::contains).findFirst();
            if (headline.isPresent()) {
                entries(headline.get()).stream().filter(Entry::star).findFirst()
                        .ifPresent(e -> out.add(new Best(f.getKey(), headline.get(), "headline", e.setting(), e.stats().mean())));
                continue;
            }
            String bestSetting = null;
            double bestMeanRank = Double.POSITIVE_INFINITY;
            boolean tie = false;
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
                if (n == 0) {
                    continue;
                }
                double meanRank = sum / n;
                if (meanRank < bestMeanRank) {
                    bestMeanRank = meanRank;
                    bestSetting = s.label();
                    tie = false;
                } else if (meanRank == bestMeanRank) {
                    tie = true;
                }
            }
            if (bestSetting != null && !tie) {
                out.add(new Best(f.getKey(), "", "mean rank over " + f.getValue().size() + " scores", bestSetting, bestMeanRank));
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
        return List.of("metric", "goal", "setting", "mean ± std", "min", "max", "n", "rank");
    }

    /** A mean with its spread: {@code 0.9000 ± 0.1000}, or the mean alone for one value. */
    public static String meanAndSpread(Stats s) {
        if (s.n() == 0) {
            return "n/a";
        }
        return s.n() == 1 ? format(s.mean()) : format(s.mean()) + " ± " + formatSpread(s.std());
    }

    /** The rank column: the rank, ★ for a lone first place, "excluded" for a degenerate setting, empty otherwise. */
    public String rankLabel(Entry e) {
        if (e.rank() > 0) {
            return e.rank() + (e.star() ? " ★" : "");
        }
        Setting s = setting(e.setting());
        return s != null && !s.ranked() && isScore(e.metric()) && e.stats().n() > 0 ? "excluded" : "";
    }

    private Setting setting(String label) {
        return settings.stream().filter(s -> s.label().equals(label)).findFirst().orElse(null);
    }

    /** Terminal rows: one per metric and setting; {@code all} includes per-column detail metrics. */
    public List<List<String>> rows(boolean all) {
        List<List<String>> out = new ArrayList<>();
        for (String m : all ? metrics : mainMetrics()) {
            for (Entry e : entries(m)) {
                Stats s = e.stats();
                out.add(List.of(m, Measures.goalLabel(e.measure()), e.setting(), meanAndSpread(s), format(s.min()), format(s.max()),
                        Integer.toString(s.n()), rankLabel(e)));
            }
        }
        return out;
    }

    /** Every metric and setting as CSV (RFC 4180), empty fields for undefined values and unranked entries. */
    public String csv() {
        StringBuilder sb = new StringBuilder("metric,family,goal,setting,n,mean,std,min,max,rank,excluded\n");
        for (String m : metrics) {
            for (Entry e : entries(m)) {
                Stats s = e.stats();
                Setting setting = setting(e.setting());
                sb.append(csvField(m)).append(',').append(csvField(family(m))).append(',')
                        .append(csvField(Measures.goalWord(e.measure()))).append(',')
                        .append(csvField(e.setting())).append(',').append(s.n()).append(',')
                        .append(csvNumber(s.mean())).append(',').append(csvNumber(s.std())).append(',')
                        .append(csvNumber(s.min())).append(',').append(csvNumber(s.max())).append(',')
                        .append(e.rank() == 0 ? "" : Integer.toString(e.rank())).append(',')
                        .append(setting.ranked() ? "" : "degenerate").append('\n');
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
            m.put("excluded", setting.excluded());
            s.add(m);
        }
        root.put("settings", s);
        List<Map<String, Object>> ms = new ArrayList<>();
        for (String metric : metrics) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("metric", metric);
            m.put("family", family(metric));
            m.put("goal", Measures.goalWord(measure(metric)));
            measure(metric).ifPresent(x -> m.put("declaration", Measures.toJson(x)));
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
        root.put("warnings", warnings);
        return Json.bytes(root);
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /**
     * A number for people, in one fixed-point style so a table's columns read alike: whole numbers as integers
     * ({@code 2100}), others with 4 decimals ({@code 0.9685}, {@code 22793.5000}), or 4 significant digits when smaller
     * than 0.001 ({@code 0.0007362}); scientific only beyond what fixed point can show ({@code 1.234e-09}); "n/a" if undefined.
     */
    public static String format(double v) {
        if (!Double.isFinite(v)) {
            return "n/a";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        double a = Math.abs(v);
        if (a < 1e-6 || a >= 1e15) {
            return String.format(Locale.ROOT, "%.3e", v);
        }
        return a < 1e-3 ? new java.math.BigDecimal(v).round(new java.math.MathContext(4)).toPlainString() : String.format(Locale.ROOT, "%.4f", v);
    }

    /** A standard deviation beside a {@link #format}ted mean: the same 4 decimals, or 2 significant digits when tiny. */
    public static String formatSpread(double v) {
        if (!Double.isFinite(v)) {
            return "n/a";
        }
        if (v == 0) {
            return "0";
        }
        return Math.abs(v) >= 5e-5 && Math.abs(v) < 1e5 ? String.format(Locale.ROOT, "%.4f", v) : String.format(Locale.ROOT, "%.2g", v);
    }

    private static String csvNumber(double v) {
        return Double.isFinite(v) ? Double.toString(v) : "";
    }

    private static String csvField(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
