package dev.genlab.runtime.report;

import dev.genlab.runtime.store.LocalRunStore;
import dev.genlab.runtime.store.RunWriter;
import dev.genlab.runtime.store.StoredRun;
import dev.genlab.runtime.tracking.RunStatus;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Self-contained HTML reports with plots: one per run ({@code artifacts/report/report.html}, from the run store and
 * the {@link ReportData} captured during the run) and one per set of runs such as a sweep (the {@link Comparison}
 * and a chart per metric). Every image is embedded as a {@code data:} URI and also written as a PNG beside the page;
 * the page loads nothing from the network.
 */
public final class HtmlReport {
    private static final Logger log = LoggerFactory.getLogger(HtmlReport.class);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());
    /** The run's report directory, relative to its artifacts directory. */
    public static final String DIRECTORY = "report";
    public static final String FILE = "report.html";
    /** The comparison of a set of runs, written beside its report. */
    public static final String COMPARISON_CSV = "comparison.csv";
    public static final String COMPARISON_JSON = "comparison.json";
    /** Synthetic rows shown in the samples section. */
    static final int SAMPLE_ROWS = 20;
    /** Per-metric charts in a sweep report, at most. */
    static final int MAX_METRIC_CHARTS = 40;
    /** Runs drawn in the training curves of a sweep report, at most. */
    static final int MAX_TRAINING_LINES = 30;

    private HtmlReport() {
    }

    /**
     * Builds the report of a run that is ending (its status is known but not yet recorded). A report that cannot be
     * built (a chart that fails) is a warning, not a failed run; a report that cannot be <em>written</em> (a full
     * disk) throws {@link java.io.UncheckedIOException}, after removing what it wrote: the store cannot hold the
     * run, and the run must say so.
     *
     * @return artifact path (relative to the run's artifacts directory) to file, for trackers
     */
    public static Map<String, Path> capture(Path runDirectory, RunStatus status) {
        try {
            long start = System.nanoTime();
            StoredRun run = new LocalRunStore(runDirectory.getParent()).find(runDirectory.getFileName().toString()).orElseThrow();
            Map<String, Path> written = write(run, status, System.currentTimeMillis());
            log.debug("report of {} written in {} ms", run.id(), (System.nanoTime() - start) / 1_000_000);
            return written;
        } catch (java.nio.file.FileSystemException e) {
            try {
                clean(runDirectory.resolve(RunWriter.ARTIFACTS_DIR).resolve(DIRECTORY));
            } catch (IOException ignored) {
                // best effort: the run is failing already
            }
            throw new java.io.UncheckedIOException(e);
        } catch (IOException | RuntimeException e) {
            log.warn("report not written: {}", e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName());
            log.debug("report not written", e);
            return Map.of();
        }
    }

    /**
     * (Re)builds the report of a stored run in its {@code artifacts/report/}.
     *
     * @return artifact path (relative to the run's artifacts directory) to file; {@code report/report.html} first
     */
    public static Map<String, Path> writeRun(StoredRun run) throws IOException {
        return write(run, run.effectiveStatus(), run.endTimeMillis());
    }

    /** The path of a run's report page. */
    public static Path reportFile(StoredRun run) {
        return run.artifacts().resolve(DIRECTORY).resolve(FILE);
    }

    private static Map<String, Path> write(StoredRun run, RunStatus status, Long end) throws IOException {
        Path dir = run.artifacts().resolve(DIRECTORY);
        Files.createDirectories(dir);
        clean(dir);
        ReportData data = Files.exists(dir.resolve("data.json")) ? ReportData.read(dir.resolve("data.json")) : null;
        Map<String, String> params = run.params();
        Map<String, String> tags = run.tags();
        Map<String, Double> results = run.results();
        Map<String, String> headlines = Comparison.headlines(run);
        Measures measures = Measures.read(run);
        String model = params.getOrDefault("model.type", tags.getOrDefault("genlab.model", "?"));
        String dataset = params.getOrDefault("dataset.type", tags.getOrDefault("genlab.dataset", "?"));
        HtmlPage page = new HtmlPage(dir, "genlab run " + run.id());

        scoreCard(page, ScoreCard.of(results, headlines, measures).withNotes(ScoreCard.notes(results, stringList(run, ScoreCard.MODEL_RESULTS_FIELD),
                stringList(run, ScoreCard.WARNINGS_FIELD))), false, Comparison.degenerate(run));
        summary(page, run, status, end, params, tags, data, model, dataset);
        resultsSection(page, results, headlines, measures);
        EvaluationSections.write(page, results, measures);
        training(page, run);
        if (data != null) {
            marginals(page, data);
            associations(page, data);
            fairness(page, data, results, measures);
        } else {
            page.startSection("data", "Real vs synthetic data").note("No report data was captured for this run "
                    + "(it is written while the run has the real data; runs that failed before sampling have none).").endSection();
            fairnessResults(page, results, List.of(), measures);
        }
        samples(page, run, data);
        artifacts(page, run);

        String subtitle = HtmlPage.escape(run.experiment()) + " · " + HtmlPage.escape(model) + " on " + HtmlPage.escape(dataset)
                + " · <span class=\"status " + status.name() + "\">" + status.name() + "</span>";
        Map<String, Path> out = new LinkedHashMap<>();
        page.write(FILE, subtitle).forEach((name, file) -> out.put(DIRECTORY + "/" + name, file));
        return out;
    }

    /** Removes what an earlier build wrote (the captured data stays). */
    private static void clean(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                if (name.endsWith(".png") || name.equals(FILE)) {
                    Files.delete(f);
                }
            }
        }
    }

    private static void summary(HtmlPage page, StoredRun run, RunStatus status, Long end, Map<String, String> params,
                                Map<String, String> tags, ReportData data, String model, String dataset) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("run", run.id()));
        rows.add(List.of("experiment", run.experiment() + (tags.containsKey("genlab.experiment_file") ? " (" + tags.get("genlab.experiment_file") + ")" : "")));
        if (run.parentId() != null) {
            rows.add(List.of("parent run", run.parentId()));
        }
        rows.add(List.of("model", model));
        rows.add(List.of("dataset", dataset + (data == null ? "" : ": " + data.realRows() + " real training rows, "
                + data.syntheticRows() + " synthetic")));
        rows.add(List.of("seed", params.getOrDefault("seed", tags.getOrDefault("genlab.seed", "?"))));
        rows.add(List.of("status", status.name()));
        rows.add(List.of("started", TIME.format(Instant.ofEpochMilli(run.startTimeMillis()))));
        if (end != null) {
            rows.add(List.of("ended", TIME.format(Instant.ofEpochMilli(end)) + " (" + seconds((end - run.startTimeMillis()) / 1000.0) + ")"));
        }
        if (run.field("seconds") instanceof Map<?, ?> phases && !phases.isEmpty()) {
            StringBuilder t = new StringBuilder();
            phases.forEach((k, v) -> t.append(t.length() == 0 ? "" : ", ").append(k).append(' ')
                    .append(v instanceof Number n ? seconds(n.doubleValue()) : v));
            rows.add(List.of("time", t.toString()));
        }
        for (String[] tag : new String[][] {{"genlab.version", "genlab"}, {"genlab.git_commit", "git commit"},
            {"genlab.dataset.sha256", "dataset sha256"}, {"genlab.java", "java"}, {"genlab.os", "os"}}) {
            if (tags.containsKey(tag[0])) {
                rows.add(List.of(tag[1], tags.get(tag[0])));
            }
        }
        StringBuilder plugins = new StringBuilder();
        tags.forEach((k, v) -> {
            if (k.startsWith("genlab.plugin.")) {
                plugins.append(plugins.length() == 0 ? "" : ", ").append(k.substring("genlab.plugin.".length())).append(' ').append(v);
            }
        });
        if (plugins.length() > 0) {
            rows.add(List.of("plugins", plugins.toString()));
        }
        if (run.error() != null) {
            rows.add(List.of("error", run.error()));
        }
        page.startSection("summary", "Summary").keyValues(rows);
        page.raw("<details><summary>all parameters (" + params.size() + ")</summary>\n");
        List<List<String>> p = new ArrayList<>();
        new TreeMap<>(params).forEach((k, v) -> p.add(List.of(k, v)));
        page.table(List.of("parameter", "value"), p).raw("</details>\n").endSection();
    }

    /** A run.json field holding a list, as strings; empty when absent. */
    private static List<String> stringList(StoredRun run, String field) {
        List<String> out = new ArrayList<>();
        if (run.field(field) instanceof List<?> list) {
            list.forEach(x -> out.add(String.valueOf(x)));
        }
        return out;
    }

    /**
     * The score card as cards: per family the headline, its ideal and the verdict, coloured; the checks behind
     * each verdict and their bounds below. A degenerate run says so first.
     */
    static void scoreCard(HtmlPage page, ScoreCard card, boolean sweep, List<String> degenerate) {
        page.startSection("scorecard", "Score card");
        if (!degenerate.isEmpty()) {
            page.raw("<p class=\"warning\">" + HtmlPage.escape("Degenerate: " + String.join("; ", degenerate)
                    + ". Numbers on this little data do not mean much; comparisons never rank this run.") + "</p>\n");
        }
        for (String n : card.notes()) {
            page.raw("<p class=\"" + (n.startsWith("warning: ") ? "warning" : "note") + "\">" + HtmlPage.escape(n) + "</p>\n");
        }
        if (card.rows().isEmpty()) {
            page.note("No metric recorded a headline or a judged measure.").endSection();
            return;
        }
        page.raw("<div class=\"cards\">\n");
        for (ScoreCard.Row r : card.rows()) {
            page.raw("<div class=\"card verdict-" + r.verdict().name().toLowerCase(java.util.Locale.ROOT) + "\"><div class=\"k\">"
                    + HtmlPage.escape(r.family()) + " · " + HtmlPage.escape(r.headline()) + " " + HtmlPage.escape(Measures.goalLabel(r.measure()))
                    + "</div><div class=\"v\">" + HtmlPage.escape(Comparison.format(r.value()))
                    + " <span class=\"verdict\">" + HtmlPage.escape(r.verdict().label()) + "</span></div><div class=\"k\">"
                    + HtmlPage.escape((Double.isNaN(r.ideal()) ? "" : "ideal " + Comparison.format(r.ideal()))
                    + r.best().map(b -> (Double.isNaN(r.ideal()) ? "" : " · ") + (sweep ? "best: " : "") + b).orElse(""))
                    + "</div></div>\n");
        }
        page.raw("</div>\n");
        List<List<String>> checks = new ArrayList<>();
        for (ScoreCard.Row r : card.rows()) {
            for (ScoreCard.Check c : r.checks()) {
                checks.add(List.of(r.family(), c.key(), Comparison.format(c.value()), c.bounds(), c.verdict().label()));
            }
        }
        if (!checks.isEmpty()) {
            page.raw("<details><summary>the " + checks.size() + " checks behind the verdicts</summary>\n")
                    .table(List.of("family", "measure", sweep ? "mean" : "value", "bounds", "verdict"), checks)
                    .raw("<p class=\"note\">Default bounds come from each metric's declarations; an experiment changes them with "
                            + "<code>report.thresholds { &lt;metric&gt;.&lt;key&gt; = x }</code> or <code>{ pass = x, fail = y }</code>.</p></details>\n");
        }
        page.endSection();
    }

    private static void resultsSection(HtmlPage page, Map<String, Double> results, Map<String, String> headlines, Measures measures) {
        page.startSection("results", "Results");
        if (results.isEmpty()) {
            page.note("No results were recorded.").endSection();
            return;
        }
        List<List<String>> main = new ArrayList<>();
        List<List<String>> all = new ArrayList<>();
        results.forEach((k, v) -> {
            List<String> row = List.of(k, Comparison.format(v), Measures.goalLabel(measures.of(k)));
            all.add(row);
            if (headlines.containsValue(k) || k.indexOf('.') == k.lastIndexOf('.')) {
                main.add(row);
            }
        });
        List<String> header = List.of("metric", "value", "goal");
        page.table(header, main);
        if (all.size() > main.size()) {
            page.raw("<details><summary>all " + all.size() + " results</summary>\n").table(header, all).raw("</details>\n");
        }
        page.endSection();
    }

    /** Metric histories with more than one step, one chart per group (the key up to its first '.' or '/'). */
    private static void training(HtmlPage page, StoredRun run) throws IOException {
        Map<String, Map<Long, Double>> histories = new LinkedHashMap<>();
        for (StoredRun.MetricPoint p : run.metrics()) {
            histories.computeIfAbsent(p.key(), k -> new TreeMap<>()).put(p.step(), p.value());
        }
        Map<String, Map<String, double[][]>> groups = new LinkedHashMap<>();
        for (Map.Entry<String, Map<Long, Double>> h : histories.entrySet()) {
            if (h.getValue().size() < 2) {
                continue;
            }
            double[][] xy = new double[2][h.getValue().size()];
            int i = 0;
            for (Map.Entry<Long, Double> p : h.getValue().entrySet()) {
                xy[0][i] = p.getKey();
                xy[1][i++] = p.getValue();
            }
            groups.computeIfAbsent(lossGroup(h.getKey()), g -> new LinkedHashMap<>()).put(h.getKey(), xy);
        }
        page.startSection("training", "Training curves");
        if (groups.isEmpty()) {
            page.note("The model logged no metric history with more than one step.");
        } else {
            page.startGrid();
            for (Map.Entry<String, Map<String, double[][]>> g : groups.entrySet()) {
                page.image("training-" + g.getKey(), "training curve " + g.getKey(), Charts.lines(g.getKey(), g.getValue()));
            }
            page.endGrid();
        }
        page.endSection();
    }

    static String lossGroup(String key) {
        int cut = key.length();
        for (char c : new char[] {'.', '/'}) {
            int i = key.indexOf(c);
            if (i > 0) {
                cut = Math.min(cut, i);
            }
        }
        return key.substring(0, cut);
    }

    private static void marginals(HtmlPage page, ReportData data) throws IOException {
        page.startSection("marginals", "Column distributions: real vs synthetic");
        if (data.marginals().isEmpty()) {
            page.note("No columns to show.");
        } else {
            page.note("Share of rows per histogram bin (numeric columns: " + ReportData.BINS + " equal-width bins over both sides' range) "
                    + "or per level (categorical columns; beyond " + Charts.MAX_BARS + " levels the rarest are summed as \"other\").");
            page.startGrid();
            for (ReportData.Marginal m : data.marginals()) {
                page.image("marginal-" + m.column(), "marginal " + m.column(), Charts.marginal(m));
            }
            page.endGrid();
        }
        page.endSection();
    }

    private static void associations(HtmlPage page, ReportData data) throws IOException {
        ReportData.Associations a = data.associations();
        if (a == null) {
            return;
        }
        page.startSection("associations", "Correlations: real, synthetic and their difference");
        page.note("Numeric–numeric: Pearson's r; categorical–categorical: Cramér's V; numeric–categorical: correlation ratio η. "
                + "The difference is synthetic − real; 0 everywhere means the synthetic data keeps every pairwise relation.");
        int k = a.columns().size();
        double[][] diff = new double[k][k];
        double maxAbs = 0;
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                diff[i][j] = a.synthetic()[i][j] - a.real()[i][j];
                maxAbs = Math.max(maxAbs, Math.abs(diff[i][j]));
            }
        }
        page.startGrid();
        page.image("associations-real", "associations real", Charts.heatMap("real", a.columns(), a.real(), -1, 1));
        page.image("associations-synthetic", "associations synthetic", Charts.heatMap("synthetic", a.columns(), a.synthetic(), -1, 1));
        page.image("associations-difference", "associations difference", Charts.heatMap("synthetic − real", a.columns(), diff, -1, 1));
        page.endGrid();
        page.note(String.format(Locale.ROOT, "Largest absolute difference: %.3f.", maxAbs));
        page.endSection();
    }

    private static void fairness(HtmlPage page, ReportData data, Map<String, Double> results, Measures measures) throws IOException {
        List<String> sensitive = data.groups().stream().map(ReportData.GroupShares::column).toList();
        if (sensitive.isEmpty() && fairnessResults(results, sensitive).isEmpty()) {
            return;
        }
        page.startSection("fairness", "Fairness: sensitive groups, real vs synthetic");
        if (sensitive.isEmpty()) {
            page.note("The dataset declares no sensitive columns.");
        } else {
            page.startGrid();
            for (ReportData.GroupShares g : data.groups()) {
                page.image("fairness-" + g.column() + "-shares", "group shares " + g.column(),
                        Charts.bars(g.column() + ": share of rows", "share of rows", Charts.Bars.of(g.groups(), g.real(), g.synthetic(), false),
                                "real", "synthetic"));
                if (g.outcome() != null) {
                    page.image("fairness-" + g.column() + "-outcome", "outcome rate " + g.column(),
                            Charts.bars(g.column() + ": share with " + g.outcome(), "share of the group",
                                    Charts.Bars.of(g.groups(), g.realOutcomeRate(), g.syntheticOutcomeRate(), false), "real", "synthetic"));
                }
            }
            page.endGrid();
        }
        fairnessTable(page, results, sensitive, measures);
        page.endSection();
    }

    private static void fairnessResults(HtmlPage page, Map<String, Double> results, List<String> sensitive, Measures measures) {
        if (fairnessResults(results, sensitive).isEmpty()) {
            return;
        }
        page.startSection("fairness", "Fairness");
        fairnessTable(page, results, sensitive, measures);
        page.endSection();
    }

    private static void fairnessTable(HtmlPage page, Map<String, Double> results, List<String> sensitive, Measures measures) {
        List<List<String>> fairness = new ArrayList<>();
        List<List<String>> naming = new ArrayList<>();
        results.forEach((k, v) -> {
            List<String> row = List.of(k, Comparison.format(v), Measures.goalLabel(measures.of(k)));
            String family = Comparison.family(k);
            if (family.contains("fairness") || family.contains("bias")) {
                fairness.add(row);
            } else if (namesAny(k, sensitive)) {
                naming.add(row);
            }
        });
        List<String> header = List.of("metric", "value", "goal");
        if (!fairness.isEmpty()) {
            page.text("h3", "Fairness results");
            page.table(header, fairness);
        }
        if (!naming.isEmpty()) {
            page.raw("<details><summary>" + naming.size() + " other results about " + HtmlPage.escape(String.join(", ", sensitive))
                    + "</summary>\n").table(header, naming).raw("</details>\n");
        }
    }

    /** Results of a metric family called fairness or bias, or whose key names a sensitive column. */
    static List<List<String>> fairnessResults(Map<String, Double> results, List<String> sensitive) {
        List<List<String>> rows = new ArrayList<>();
        results.forEach((k, v) -> {
            String family = Comparison.family(k);
            if (family.contains("fairness") || family.contains("bias") || namesAny(k, sensitive)) {
                rows.add(List.of(k, Comparison.format(v)));
            }
        });
        return rows;
    }

    /** Whether a '.'-separated part of the key is one of the columns (or {@code column=level}). */
    private static boolean namesAny(String key, List<String> columns) {
        for (String part : key.split("[.]")) {
            for (String c : columns) {
                if (part.equals(c) || part.startsWith(c + "=")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void samples(HtmlPage page, StoredRun run, ReportData data) throws IOException {
        page.startSection("samples", "Samples");
        boolean any = false;
        if (data != null && data.images() != null) {
            ReportData.ImageGrid grid = data.images();
            int scale = Math.max(1, 96 / Math.max(grid.height(), grid.width()));
            page.text("h3", "Synthetic images (first " + grid.synthetic().size() + ")").startGrid();
            page.image("samples-synthetic-images", "synthetic images", Charts.imageGrid(grid, grid.synthetic(), 8, scale));
            page.endGrid().text("h3", "Real images (first " + grid.real().size() + ")").startGrid();
            page.image("samples-real-images", "real images", Charts.imageGrid(grid, grid.real(), 8, scale));
            page.endGrid();
            any = true;
        }
        if (data != null && data.text() != null) {
            page.text("h3", "Synthetic documents");
            for (String d : data.text().synthetic()) {
                page.text("pre", d);
            }
            page.raw("<details><summary>real documents</summary>\n");
            for (String d : data.text().real()) {
                page.text("pre", d);
            }
            page.raw("</details>\n");
            any = true;
        }
        Path csv = run.artifacts().resolve("synthetic.csv");
        if (Files.exists(csv)) {
            List<List<String>> records = readCsv(csv, SAMPLE_ROWS + 1);
            if (!records.isEmpty()) {
                page.text("h3", "Synthetic rows (first " + (records.size() - 1) + ")");
                page.table(records.get(0), records.subList(1, records.size()));
                any = true;
            }
        }
        if (!any) {
            page.note("No synthetic sample was recorded.");
        }
        page.endSection();
    }

    private static void artifacts(HtmlPage page, StoredRun run) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        Path root = run.artifacts();
        if (Files.isDirectory(root)) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                    String rel = root.relativize(f).toString().replace('\\', '/');
                    if (!rel.startsWith(DIRECTORY + "/")) {
                        rows.add(List.of(rel, String.format(Locale.ROOT, "%,d bytes", Files.size(f))));
                    }
                }
            }
        }
        if (!rows.isEmpty()) {
            page.startSection("artifacts", "Artifacts");
            page.note("Files of this run, relative to " + root + ".");
            page.table(List.of("file", "size"), rows).endSection();
        }
    }

    /** The first {@code limit} records of an RFC 4180 file (quoted fields may hold commas, quotes and newlines). */
    static List<List<String>> readCsv(Path file, int limit) throws IOException {
        List<List<String>> out = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            List<String> record = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            boolean any = false;
            int c;
            while (out.size() < limit && (c = r.read()) != -1) {
                any = true;
                if (quoted) {
                    if (c == '"') {
                        r.mark(1);
                        if (r.read() == '"') {
                            field.append('"');
                        } else {
                            r.reset();
                            quoted = false;
                        }
                    } else {
                        field.append((char) c);
                    }
                } else if (c == '"') {
                    quoted = true;
                } else if (c == ',') {
                    record.add(field.toString());
                    field.setLength(0);
                } else if (c == '\n') {
                    record.add(field.toString());
                    field.setLength(0);
                    out.add(record);
                    record = new ArrayList<>();
                    any = false;
                } else if (c != '\r') {
                    field.append((char) c);
                }
            }
            if (any && out.size() < limit) {
                record.add(field.toString());
                out.add(record);
            }
        }
        return out;
    }

    private static String seconds(double s) {
        return s < 60 ? String.format(Locale.ROOT, "%.1f s", s) : String.format(Locale.ROOT, "%d min %02d s", (long) s / 60, (long) s % 60);
    }

    // ---------------------------------------------------------------- sets of runs

    /**
     * Writes the report of a set of runs (a sweep's trials) as {@code outputDir/report.html} with its PNGs beside
     * it: the comparison table (mean ± std per setting, ranks, best setting per family), a chart per main metric,
     * training curves of every run, and a section per run linking to its own report; also the comparison as
     * {@value #COMPARISON_CSV} and {@value #COMPARISON_JSON}.
     *
     * @return path relative to {@code outputDir} to file; {@code report.html} first
     */
    public static Map<String, Path> writeSweep(List<StoredRun> trials, Path outputDir) throws IOException {
        Files.createDirectories(outputDir);
        clean(outputDir);
        Comparison comparison = Comparison.of(trials);
        String experiment = trials.stream().map(StoredRun::experiment).distinct().reduce((a, b) -> a + ", " + b).orElse("no runs");
        HtmlPage page = new HtmlPage(outputDir, "genlab comparison: " + experiment);

        scoreCard(page, ScoreCard.ofSweep(comparison), true, List.of());
        page.startSection("comparison", "Comparison");
        page.note(trials.size() + " runs in " + comparison.settings().size() + " settings. Each value is the mean ± sample standard deviation "
                + "over a setting's runs (its seeds); ★ marks the one best setting of each score (ties get none), ↑/↓/→ says which way "
                + "each metric declared is better; information (counts, shares) and measures whose goal is unknown are not ranked.");
        for (String w : comparison.warnings()) {
            page.raw("<p class=\"warning\">" + HtmlPage.escape("warning: " + w) + "</p>\n");
        }
        for (Comparison.Unranked u : comparison.unranked()) {
            page.raw("<p class=\"warning\">" + HtmlPage.escape("not ranked: " + u.describe()) + "</p>\n");
        }
        List<String> header = new ArrayList<>();
        header.add("metric");
        comparison.settings().forEach(s -> header.add(s.label()));
        List<List<String>> rows = new ArrayList<>();
        for (String metric : comparison.mainMetrics()) {
            List<String> row = new ArrayList<>();
            row.add(metric + " " + Measures.goalLabel(comparison.measure(metric)));
            for (Comparison.Setting s : comparison.settings()) {
                row.add(comparison.entry(metric, s.label()).map(e -> e.stats().n() == 0 ? ""
                        : Comparison.meanAndSpread(e.stats()) + (e.star() ? " ★" : "")).orElse(""));
            }
            rows.add(row);
        }
        page.table(header, rows);
        for (Comparison.AxisTable axis : comparison.numericAxes()) {
            page.text("h3", "By " + axis.axis());
            page.note("How each headline moves along the numeric sweep axis " + axis.axis() + " (mean ± std over seeds); "
                    + "a setting without it is shown with it empty.");
            page.table(axis.header(), axis.rows());
        }
        if (!comparison.best().isEmpty()) {
            page.text("h3", "Best setting per metric family");
            List<List<String>> best = new ArrayList<>();
            for (Comparison.Best b : comparison.best()) {
                best.add(List.of(b.family(), b.setting(), b.metric().isEmpty() ? b.basis() : b.metric(),
                        Comparison.format(b.mean())));
            }
            page.table(List.of("family", "best setting", "decided by", "value"), best);
        }
        page.text("h3", "Settings");
        List<List<String>> settings = new ArrayList<>();
        for (Comparison.Setting s : comparison.settings()) {
            settings.add(List.of(s.label(), Integer.toString(s.runIds().size()), String.join(", ", s.runIds())));
        }
        page.table(List.of("setting", "runs", "run ids"), settings);
        List<List<String>> all = comparison.rows(true);
        if (all.size() > rows.size() * Math.max(1, comparison.settings().size())) {
            page.raw("<details><summary>every metric (" + comparison.metrics().size() + ")</summary>\n");
            page.table(Comparison.header(), all).raw("</details>\n");
        }
        page.endSection();

        page.startSection("metrics", "Metrics across settings");
        List<String> labels = comparison.settings().stream().map(Comparison.Setting::label).toList();
        // scores only: information (row counts, shares) is in the tables, never a score chart
        List<String> charted = comparison.mainScores().stream().limit(MAX_METRIC_CHARTS).toList();
        if (charted.isEmpty()) {
            page.note("The runs recorded no results.");
        } else {
            page.startGrid();
            for (String metric : charted) {
                List<Comparison.Entry> entries = comparison.entries(metric);
                double[] means = entries.stream().mapToDouble(e -> Double.isFinite(e.stats().mean()) ? e.stats().mean() : 0).toArray();
                double[] stds = entries.stream().mapToDouble(e -> e.stats().std()).toArray();
                page.image("metric-" + metric, "metric " + metric,
                        Charts.meanBars(metric + " " + Measures.goalLabel(comparison.measure(metric)), labels, means, stds));
            }
            page.endGrid();
        }
        page.endSection();

        sweepTraining(page, trials, settingOf(comparison));

        page.startSection("runs", "Runs");
        List<String> runHeader = List.of("run", "setting", "seed", "status", "headline metrics");
        page.raw("<div class=\"scroll\"><table>\n<tr>");
        runHeader.forEach(h -> page.raw("<th>" + HtmlPage.escape(h) + "</th>"));
        page.raw("</tr>\n");
        Map<String, String> settingOf = settingOf(comparison);
        for (StoredRun run : trials) {
            Path report = reportFile(run);
            String link = Files.exists(report)
                    ? "<a href=\"" + HtmlPage.escape(relativeLink(outputDir, report)) + "\">" + HtmlPage.escape(run.id()) + "</a>"
                    : HtmlPage.escape(run.id());
            StringBuilder heads = new StringBuilder();
            Map<String, Double> results = run.results();
            for (String key : Comparison.headlines(run).values()) {
                if (results.containsKey(key)) {
                    heads.append(heads.length() == 0 ? "" : ", ").append(key).append(" = ").append(Comparison.format(results.get(key)));
                }
            }
            page.raw("<tr><td>" + link + "</td><td>" + HtmlPage.escape(settingOf.get(run.id())) + "</td><td>"
                    + HtmlPage.escape(run.params().getOrDefault("seed", "")) + "</td><td><span class=\"status " + run.effectiveStatus().name() + "\">"
                    + run.effectiveStatus().name() + "</span></td><td>" + HtmlPage.escape(heads) + "</td></tr>\n");
        }
        page.raw("</table></div>\n");
        page.note("Each run's own report (plots of its data) is linked where it exists.");
        page.endSection();

        Map<String, Path> out = page.write(FILE, HtmlPage.escape(trials.size() + " runs · " + comparison.settings().size() + " settings"));
        Path csv = outputDir.resolve(COMPARISON_CSV);
        dev.genlab.runtime.util.AtomicFiles.write(csv, comparison.csv().getBytes(StandardCharsets.UTF_8));
        out.put(COMPARISON_CSV, csv);
        Path json = outputDir.resolve(COMPARISON_JSON);
        dev.genlab.runtime.util.AtomicFiles.write(json, comparison.json());
        out.put(COMPARISON_JSON, json);
        return out;
    }

    private static Map<String, String> settingOf(Comparison comparison) {
        Map<String, String> out = new LinkedHashMap<>();
        comparison.settings().forEach(s -> s.runIds().forEach(id -> out.put(id, s.label())));
        return out;
    }

    /** Each metric-history group (e.g. the loss) of every run in one chart, a line per run. */
    private static void sweepTraining(HtmlPage page, List<StoredRun> trials, Map<String, String> settingOf) throws IOException {
        Map<String, Map<String, double[][]>> groups = new LinkedHashMap<>();
        List<String> shortSettings = Charts.shortLabels(List.copyOf(new java.util.LinkedHashSet<>(settingOf.values())));
        List<String> settings = List.copyOf(new java.util.LinkedHashSet<>(settingOf.values()));
        for (StoredRun run : trials.stream().limit(MAX_TRAINING_LINES).toList()) {
            Map<String, Map<Long, Double>> histories = new LinkedHashMap<>();
            for (StoredRun.MetricPoint p : run.metrics()) {
                histories.computeIfAbsent(p.key(), k -> new TreeMap<>()).put(p.step(), p.value());
            }
            String setting = settingOf.get(run.id());
            String label = (setting == null ? run.id() : shortSettings.get(settings.indexOf(setting))) + " seed " + run.params().getOrDefault("seed", "?");
            histories.forEach((key, points) -> {
                if (points.size() > 1) {
                    double[][] xy = new double[2][points.size()];
                    int i = 0;
                    for (Map.Entry<Long, Double> p : points.entrySet()) {
                        xy[0][i] = p.getKey();
                        xy[1][i++] = p.getValue();
                    }
                    String line = label;
                    Map<String, double[][]> group = groups.computeIfAbsent(key, g -> new LinkedHashMap<>());
                    for (int n = 2; group.containsKey(line); n++) {
                        line = label + " #" + n;
                    }
                    group.put(line, xy);
                }
            });
        }
        if (groups.isEmpty()) {
            return;
        }
        page.startSection("training", "Training curves across runs").startGrid();
        for (Map.Entry<String, Map<String, double[][]>> g : groups.entrySet().stream().limit(MAX_METRIC_CHARTS).toList()) {
            page.image("training-" + g.getKey(), "training curve " + g.getKey(), Charts.lines(g.getKey(), g.getValue()));
        }
        page.endGrid().endSection();
    }

    private static String relativeLink(Path from, Path to) {
        try {
            return from.toAbsolutePath().normalize().relativize(to.toAbsolutePath().normalize()).toString().replace('\\', '/');
        } catch (IllegalArgumentException differentRoots) {
            return to.toAbsolutePath().toUri().toString();
        }
    }
}
