package dev.genlab.cli;

import dev.genlab.runtime.Genlab;
import dev.genlab.runtime.config.Experiment;
import dev.genlab.runtime.report.Comparison;
import dev.genlab.runtime.report.Measures;
import dev.genlab.runtime.report.ScoreCard;
import dev.genlab.runtime.run.PreparedRun;
import dev.genlab.runtime.run.RunOutcome;
import dev.genlab.runtime.store.LocalRunStore;
import dev.genlab.runtime.store.StoredRun;
import dev.genlab.runtime.sweep.SweepOutcome;
import dev.genlab.runtime.sweep.SweepPlan;
import dev.genlab.runtime.sweep.SweepPlanner;
import dev.genlab.runtime.sweep.SweepRunner;
import dev.genlab.runtime.sweep.TrialProgress;
import dev.genlab.runtime.sweep.SweepLauncher;
import dev.genlab.runtime.sweep.SweepLauncherContext;
import dev.genlab.runtime.tracking.RunTracker;
import dev.genlab.runtime.tracking.mlflow.MlflowTracker;
import dev.genlab.runtime.tracking.RunStatus;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "run", mixinStandardHelpOptions = true, description = "Run an experiment file: train, sample, evaluate, record the run.")
final class RunCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "The experiment file (HOCON).")
    Path file;

    @Mixin
    ExperimentOptions overrides;

    @Option(names = "--runs", paramLabel = "DIR", description = "Local run store (default: the file's tracking.directory, 'runs').")
    Path runs;

    @Option(names = {"-q", "--quiet"}, description = "No progress output; only the summary.")
    boolean quiet;

    @Option(names = "--all", description = "Print every row of long tables: real vs synthetic per group (by default the 12 largest changes)"
            + " and, for a sweep, every detail metric of the comparison (per column, per group).")
    boolean all;

    @Option(names = "--trial-of", paramLabel = "RUN_ID", hidden = true, description = "Run as a trial of this sweep run (used by sweeps).")
    String trialOf;

    @Option(names = "--name", paramLabel = "NAME", hidden = true, description = "The run's display name (used by sweeps).")
    String runName;

    @Option(names = "--progress-file", paramLabel = "FILE", hidden = true, description = "Write progress bars to FILE for a parent"
            + " sweep to draw (used by sweeps).")
    Path progressFile;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        if (runs != null) {
            LocalRunStore.requireDirectory(runs, "--runs " + runs);
        }
        PrintStream out = System.out;
        ConsoleListener listener = new ConsoleListener(System.err, System.console() != null, quiet);
        Genlab genlab = common.genlab();
        listener.phase("validating " + file);
        com.typesafe.config.Config parsed = overrides.parse(genlab, file);
        if (trialOf == null && SweepPlanner.hasSweep(parsed)) {
            return sweep(genlab, parsed, listener);
        }
        // a trial in a child process: its bars go to the file its sweep reads
        dev.genlab.runtime.run.RunListener bars = progressFile == null ? listener : TrialProgress.writer(progressFile, listener);
        AtomicBoolean cancelled = new AtomicBoolean();
        PreparedRun prepared;
        RunOutcome outcome;
        int cancelledCode;
        try (Signals signals = Signals.cancelling(cancelled, System.err, "cancelling: stopping at the next step and marking the run KILLED")) {
            Experiment experiment = genlab.loader().validate(file, parsed);
            Genlab.store(experiment, runs); // checked before the data load
            prepared = genlab.prepare(experiment, bars);
            if (cancelled.get()) {
                System.err.println("cancelled before the run started: nothing was written");
                return signals.cancelledExitCode();
            }
            outcome = genlab.run(prepared, runs, genlab.mirrors(prepared, runs), bars, cancelled, runName, trialOf);
            cancelledCode = signals.cancelledExitCode();
        }
        Path nativeLog = NativeStderr.keep(outcome.directory());
        printSummary(out, prepared, outcome, all);
        if (nativeLog != null) {
            out.println(NativeStderr.summaryLine(nativeLog));
        }
        return switch (outcome.status()) {
            case FINISHED -> Main.OK;
            case KILLED -> cancelledCode;
            default -> Main.RUN_FAILED;
        };
    }

    private Integer sweep(Genlab genlab, com.typesafe.config.Config parsed, ConsoleListener listener) throws Exception {
        SweepPlan plan = new SweepPlanner(genlab.loader()).plan(file, parsed);
        plan.warnings().forEach(w -> System.err.println("warning: " + w));
        LocalRunStore store = Genlab.store(plan.trials().get(0).experiment(), runs);
        AtomicBoolean cancelled = new AtomicBoolean();
        SweepOutcome outcome;
        int cancelledCode;
        try (Signals signals = Signals.cancelling(cancelled, System.err,
                "cancelling the sweep: stopping running trials (they are marked KILLED), starting no more")) {
            SweepLauncherContext context = new SweepLauncherContext(file, parsed, overrides.forTrials(), common.pluginDirectories, store, cancelled,
                    listener.nested(), genlab, SweepLauncherContext.thisJvm(Main.class.getName()), SweepLauncherContext.thisClasspath(), Main.class.getName(),
                    NativeStderr::keep);
            SweepLauncher launcher = plan.launcher().create(context);
            List<RunTracker> parentMirrors = new ArrayList<>();
            MlflowTracker.forSettings(plan.trials().get(0).experiment().settings().tracking().mlflow(), store.root(), file.toString())
                    .ifPresent(parentMirrors::add);
            outcome = new SweepRunner(store).run(plan, listener, cancelled, launcher, parentMirrors);
            cancelledCode = signals.cancelledExitCode();
        }
        Path nativeLog = NativeStderr.keep(outcome.directory());
        PrintStream out = System.out;
        out.println();
        out.println("sweep " + outcome.parentId() + ": " + outcome.status() + " (" + outcome.trials().size() + " trial runs, "
                + outcome.failures().size() + " not finished, " + outcome.notRun() + " not started)");
        TextTable table = new TextTable("trial run", "status", "headline metrics");
        for (StoredRun r : outcome.trials()) {
            table.row(r.name(), r.effectiveStatus(), RunsCommand.headlines(r));
        }
        out.print(table.render());
        outcome.failures().forEach((trial, why) -> out.println("  not finished: " + trial + ": " + why));
        if (outcome.comparison() != null) {
            out.println();
            printCard(out, dev.genlab.runtime.report.ScoreCard.ofSweep(outcome.comparison()), true);
            out.println();
            out.println("comparison over seeds (goals as each metric declares them: ↑ higher is better, ↓ lower, → closest to a target;"
                    + " info is never ranked; ★ the one best setting):");
            TextTable comparison = new TextTable(dev.genlab.runtime.report.Comparison.header().toArray(String[]::new));
            for (List<String> row : outcome.comparison().rows(all)) {
                comparison.row(row.toArray());
            }
            out.print(comparison.render());
            int details = outcome.comparison().metrics().size() - outcome.comparison().mainMetrics().size();
            if (!all && details > 0) {
                out.println("  (" + details + " detail metrics, per column and per group, not shown: --all prints them;"
                        + " all are in the report and " + dev.genlab.runtime.report.HtmlReport.COMPARISON_CSV + ")");
            }
            List<List<String>> changes = changesPerSetting(outcome.comparison());
            if (!changes.isEmpty()) {
                out.println();
                printLongTable(out, "real vs synthetic per setting (mean change over seeds; a change that moves away from 0 or 1 amplifies bias)",
                        new TextTable("measure", "setting", "change", "min", "max", "n"), changes, all);
            }
            printAxes(out, outcome.comparison());
            printWarnings(out, outcome.comparison());
            outcome.comparison().best().forEach(b -> out.println("  best " + b.family() + ": " + b.setting() + " (" + b.metric() + " "
                    + dev.genlab.runtime.report.Comparison.format(b.mean()) + ")"));
            out.println("  report: " + outcome.directory().resolve("artifacts/report/report.html"));
        }
        out.println();
        if (nativeLog != null) {
            out.println(NativeStderr.summaryLine(nativeLog));
        }
        out.println("sweep directory: " + outcome.directory());
        return switch (outcome.status()) {
            case FINISHED -> outcome.failures().isEmpty() ? Main.OK : Main.RUN_FAILED;
            case KILLED -> cancelledCode;
            default -> Main.RUN_FAILED;
        };
    }

    static void printSummary(PrintStream out, PreparedRun prepared, RunOutcome outcome, boolean all) {
        out.println();
        out.println("run " + outcome.runId() + ": " + outcome.status());
        out.println("  experiment  " + prepared.experiment().name() + " (" + prepared.experiment().file() + ")");
        out.println("  model       " + prepared.experiment().model().type() + " on " + prepared.experiment().dataset().type()
                + ": " + prepared.train().size() + " train / " + prepared.test().size() + " test, seed " + prepared.experiment().seed());
        StringBuilder t = new StringBuilder();
        outcome.seconds().forEach((k, v) -> t.append(t.length() == 0 ? "" : ", ").append(k).append(' ').append(ConsoleListener.time(v)));
        if (t.length() > 0) {
            out.println("  time        " + t);
        }
        outcome.degenerate().forEach(d -> out.println("  warning     " + d + " (the run is marked degenerate and never ranked)"));
        outcome.warnings().forEach(w -> out.println("  warning     " + w));
        if (outcome.card() != null) {
            out.println();
            printCard(out, outcome.card(), false);
        }
        if (!outcome.results().isEmpty()) {
            out.println();
            Measures measures;
            try {
                measures = Measures.read(outcome.directory().resolve(Measures.FILE));
            } catch (java.io.IOException e) {
                measures = Measures.none();
            }
            out.print(resultsTable(outcome.results(), outcome.headlines(), measures).render());
            List<List<String>> paired = realVersusSynthetic(outcome.results());
            if (!paired.isEmpty()) {
                out.println();
                printLongTable(out, "real vs synthetic (a change that moves away from 0 or 1 amplifies bias)",
                        new TextTable("measure", "real", "synthetic", "change"), paired, all);
            }
            out.println("  (" + outcome.results().size() + " values in " + outcome.directory().resolve("results.json") + ")");
        }
        if (outcome.error() != null) {
            out.println();
            out.println("error: " + outcome.error());
            if (outcome.status() == RunStatus.FAILED) {
                out.println("details: " + outcome.directory().resolve("artifacts/error.txt"));
            }
        }
        out.println();
        Path report = outcome.directory().resolve("artifacts/report/report.html");
        out.println("report: " + (java.nio.file.Files.exists(report) ? report.toString()
                : "none for a " + outcome.status() + " run ('genlab report " + outcome.runId() + "' builds one)"));
        out.println("run directory: " + outcome.directory());
    }

    /** The score card: a row per metric family with the headline, its ideal and the verdict. */
    static void printCard(PrintStream out, ScoreCard card, boolean sweep) {
        if (card.rows().isEmpty()) {
            return;
        }
        out.println(sweep ? "score card (best setting per family by the declared goals, judged on its means):"
                : "score card (verdicts against the metrics' default thresholds and report.thresholds):");
        TextTable t = new TextTable(ScoreCard.header(sweep).toArray(String[]::new));
        card.table().forEach(r -> t.row(r.toArray()));
        out.print(t.render());
        card.notes().forEach(n -> out.println("  " + n));
    }

    /** For each numeric sweep axis (e.g. model.epsilon), how the headlines move along it. */
    static void printAxes(PrintStream out, Comparison comparison) {
        for (Comparison.AxisTable axis : comparison.numericAxes()) {
            out.println();
            out.println("by " + axis.axis() + " (headline means over seeds):");
            TextTable t = new TextTable(axis.header().toArray(String[]::new));
            axis.rows().forEach(r -> t.row(r.toArray()));
            out.print(t.render());
        }
    }

    /** What a reader must know before trusting a comparison: settings differing outside their labels, degenerate settings. */
    static void printWarnings(PrintStream out, Comparison comparison) {
        comparison.warnings().forEach(w -> out.println("  warning: " + w));
        comparison.unranked().forEach(u -> out.println("  not ranked: " + u.describe()));
    }

    /** Headline and top-level values of each metric (per-column details stay in results.json). */
    static TextTable resultsTable(Map<String, Double> results, Map<String, String> headlines, Measures measures) {
        TextTable table = new TextTable("metric", "value", "goal", "note");
        for (Map.Entry<String, Double> e : results.entrySet()) {
            String key = e.getKey();
            int dot = key.indexOf('.');
            String metric = dot < 0 ? key : key.substring(0, dot);
            String rest = dot < 0 ? "" : key.substring(dot + 1);
            boolean headline = key.equals(headlines.get(metric));
            if (headline || !rest.contains(".")) {
                table.row(key, format(e.getValue()), Measures.goalLabel(measures.of(key)), headline ? "◀ headline" : "");
            }
        }
        return table;
    }

    /** Rows of a long table printed unless {@code --all}. */
    static final int LONG_TABLE = 12;

    /**
     * A long table (rows largest first): every row with {@code --all}, else the first {@value #LONG_TABLE} and a line
     * saying how many more there are; the report files always have them all.
     */
    static void printLongTable(PrintStream out, String title, TextTable table, List<List<String>> rows, boolean all) {
        int shown = all ? rows.size() : Math.min(rows.size(), LONG_TABLE);
        out.println(title + (shown < rows.size() ? "; the " + shown + " largest changes of " + rows.size() + ":" : ":"));
        rows.subList(0, shown).forEach(r -> table.row(r.toArray()));
        out.print(table.render());
        if (shown < rows.size()) {
            out.println("  (" + (rows.size() - shown) + " more rows: --all prints every one; all are in the report)");
        }
    }

    /**
     * A sweep's per-group changes: each {@code X.change} metric that has {@code X.real} and {@code X.synthetic}, per
     * setting, the largest mean change (by size) first.
     */
    static List<List<String>> changesPerSetting(Comparison comparison) {
        java.util.Set<String> metrics = new java.util.HashSet<>(comparison.metrics());
        List<Comparison.Entry> entries = new ArrayList<>();
        for (String m : comparison.metrics()) {
            if (m.endsWith(".change")) {
                String base = m.substring(0, m.length() - ".change".length());
                if (metrics.contains(base + ".real") && metrics.contains(base + ".synthetic")) {
                    comparison.entries(m).stream().filter(e -> e.stats().n() > 0).forEach(entries::add);
                }
            }
        }
        entries.sort(java.util.Comparator.comparingDouble((Comparison.Entry e) -> Double.isNaN(e.stats().mean()) ? -1 : Math.abs(e.stats().mean()))
                .reversed());
        return entries.stream().map(e -> List.of(e.metric().substring(0, e.metric().length() - ".change".length()), e.setting(),
                Comparison.meanAndSpread(e.stats()), format(e.stats().min()), format(e.stats().max()), Integer.toString(e.stats().n()))).toList();
    }

    /**
     * Rows for every {@code X.real} result that has an {@code X.synthetic} (and maybe {@code X.change}), e.g. bias
     * metrics, largest change first (the change, else synthetic minus real).
     */
    static List<List<String>> realVersusSynthetic(Map<String, Double> results) {
        List<Map.Entry<Double, List<String>>> rows = new ArrayList<>();
        for (Map.Entry<String, Double> e : results.entrySet()) {
            String key = e.getKey();
            if (!key.endsWith(".real")) {
                continue;
            }
            String base = key.substring(0, key.length() - ".real".length());
            Double synthetic = results.get(base + ".synthetic");
            if (synthetic != null) {
                Double change = results.get(base + ".change");
                double size = Math.abs(change != null ? change : synthetic - e.getValue());
                rows.add(Map.entry(Double.isNaN(size) ? -1 : size, List.of(base, format(e.getValue()), format(synthetic), change == null ? "" : format(change))));
            }
        }
        rows.sort(Map.Entry.<Double, List<String>>comparingByKey().reversed());
        return rows.stream().map(Map.Entry::getValue).toList();
    }

    static String format(double v) {
        return Comparison.format(v);
    }
}
