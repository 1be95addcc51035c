package dev.genlab.runtime.run;

import com.typesafe.config.Config;
import dev.genlab.runtime.config.PluginSpec;
import dev.genlab.runtime.model.ModelPackage;
import dev.genlab.runtime.output.FileDigest;
import dev.genlab.runtime.output.OutputManifest;
import dev.genlab.runtime.output.PngText;
import dev.genlab.runtime.plugin.PluginDescriptor;
import dev.genlab.runtime.plugin.PluginFailure;
import dev.genlab.runtime.report.HtmlReport;
import dev.genlab.runtime.report.Measures;
import dev.genlab.runtime.report.ReportData;
import dev.genlab.runtime.report.ScoreCard;
import dev.genlab.runtime.store.LocalRunStore;
import dev.genlab.runtime.store.RunWriter;
import dev.genlab.runtime.tracking.RunInfo;
import dev.genlab.runtime.tracking.RunStatus;
import dev.genlab.runtime.tracking.RunTracker;
import dev.genlab.runtime.util.AtomicFiles;
import dev.genlab.runtime.util.IoErrors;
import dev.genlab.runtime.util.Json;
import dev.genlab.runtime.util.Secrets;
import dev.genlab.runtime.util.TableCsv;
import dev.genlab.spi.ArtifactSink;
import dev.genlab.spi.Data;
import dev.genlab.spi.EvaluationInput;
import dev.genlab.spi.FittedModel;
import dev.genlab.spi.Measure;
import dev.genlab.spi.MetricPlugin;
import dev.genlab.spi.MetricResult;
import dev.genlab.spi.Progress;
import dev.genlab.spi.PublicDomain;
import dev.genlab.spi.Seeds;
import dev.genlab.spi.Table;
import dev.genlab.spi.TrainingContext;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a prepared experiment: fit, sample, evaluate, recording everything in the local run store first and in
 * any other trackers after. A failing run ends FAILED (with its error recorded), a cancelled one KILLED; no run
 * is left RUNNING by a live process.
 */
public final class Runner {
    private static final Logger log = LoggerFactory.getLogger(Runner.class);
    /** The tag holding the score card (Markdown), which the MLflow description leads with. */
    public static final String SCORECARD_TAG = "genlab.scorecard";
    /** The tag holding the sha256 of the run's config.conf (also in every PNG it writes). */
    public static final String CONFIG_DIGEST_TAG = "genlab.config_sha256";
    /** The tag holding the caveats the model recorded ({@link TrainingContext#warn}), one a line. */
    public static final String WARNINGS_TAG = "genlab.warnings";


    private final LocalRunStore store;
    private final Config experimentDefaults;
    private final List<RunTracker> mirrors;

    /**
     * @param mirrors trackers that mirror the local store (e.g. MLflow); their failures never fail the run
     */
    public Runner(LocalRunStore store, Config experimentDefaults, List<RunTracker> mirrors) {
        this.store = store;
        this.experimentDefaults = experimentDefaults;
        this.mirrors = List.copyOf(mirrors);
    }

    public RunOutcome run(PreparedRun prepared, RunListener listener, AtomicBoolean cancelled) throws IOException {
        return run(prepared, listener, cancelled, null, null);
    }

    /**
     * Runs one trial of a sweep (or a plain run when both are null).
     *
     * @param runName  the run's display name (e.g. {@code adult[model.type=gan seed=2]}); null = the experiment's name
     * @param parentId the sweep's parent run, or null
     */
    public RunOutcome run(PreparedRun prepared, RunListener listener, AtomicBoolean cancelled, String runName, String parentId) throws IOException {
        long start = System.currentTimeMillis();
        String name = prepared.experiment().name();
        RunInfo info = new RunInfo(LocalRunStore.newRunId(name, start), runName == null ? name : runName, name, parentId, start);
        RunWriter writer = store.create(info);
        Trackers trackers = new Trackers(writer, mirrors);
        // a mirror waiting on a slow or hung server gives up when the run is cancelled, so a signal ends it at once
        mirrors.forEach(m -> m.cancelWhen(cancelled::get));
        trackers.startedMirrors(info);
        Map<String, Double> results = new LinkedHashMap<>();
        Map<String, String> headlines = new LinkedHashMap<>();
        Map<String, Double> seconds = new LinkedHashMap<>();
        List<String> metricErrors = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Map<String, Measure> declared = new LinkedHashMap<>();
        // one decision of what is secret for everything this run writes: params, config.conf, errors
        Secrets secrets = Secrets.of(prepared.experiment().resolved(), System.getenv());
        Map<String, String> pngText = new LinkedHashMap<>();
        try {
            cancelledCheck(cancelled);
            if (!prepared.degenerate().isEmpty()) {
                // recorded before anything trains, so a run that dies later is still marked
                writer.runField("degenerate", prepared.degenerate());
            }
            Config effective = EffectiveConfig.of(prepared.experiment(), experimentDefaults);
            byte[] configBytes = EffectiveConfig.render(effective, secrets).getBytes(StandardCharsets.UTF_8);
            writer.file("config.conf", configBytes);
            String configDigest = FileDigest.sha256(configBytes);
            // every PNG the run writes says which run and config made it
            pngText.put("genlab.run_id", info.id());
            pngText.put("genlab.config_sha256", configDigest);
            trackers.artifactFromRun("config.conf", writer.directory().resolve("config.conf"));
            trackers.params(EffectiveConfig.flatten(effective, secrets));
            Map<String, Object> provenance = Provenance.of(prepared);
            writer.file("provenance.json", Json.bytes(provenance));
            Map<String, String> runTags = tags(prepared, provenance);
            runTags.put(CONFIG_DIGEST_TAG, configDigest);
            trackers.tags(runTags);

            // fit
            PluginSpec modelSpec = prepared.experiment().model();
            listener.phase("training " + modelSpec.type() + " on " + prepared.train().size() + (prepared.train() instanceof Table ? " rows" : " documents"));
            Context modelContext = new Context(prepared.experiment().seed(), "model", writer, trackers, listener, cancelled, pngText,
                    prepared.publicDomain());
            long t0 = System.nanoTime();
            PluginDescriptor model = modelSpec.descriptor();
            FittedModel fitted;
            try {
                fitted = prepared.model().fit(prepared.train(), modelContext);
            } catch (IOException | RuntimeException | LinkageError e) {
                throw PluginFailure.of(model, "fit", e);
            }
            if (fitted == null) {
                throw PluginFailure.of(model, "fit", new IllegalStateException("fit returned null instead of a fitted model"));
            }
            seconds.put("fit", (System.nanoTime() - t0) / 1e9);
            recordPrivacy(modelContext.privacy, writer, trackers);
            Map<String, Double> budget = budgetResults(modelContext.privacy);
            if (!budget.isEmpty()) {
                results.putAll(budget);
                writer.results(budget, System.currentTimeMillis());
                headlines.put(BUDGET_FAMILY, BUDGET_FAMILY + ".epsilon-spent");
                declared.putAll(budgetMeasures(budget));
            }
            recordFitResults(modelContext, results, warnings, writer, trackers);
            cancelledCheck(cancelled);
            Path modelDir = writer.artifactsDirectory().resolve("model");
            // saved beside, then renamed: a save that fails (a full disk) leaves no model/ that looks complete
            Path partial = writer.artifactsDirectory().resolve("model.partial");
            Files.createDirectories(partial);
            try {
                fitted.save(partial);
            } catch (IOException | RuntimeException | LinkageError e) {
                AtomicFiles.deleteTree(partial);
                throw PluginFailure.of(model, "save", e);
            }
            try { // genlab's own description of the model (MLmodel, provenance): not the plugin's failure if it fails
                ModelPackage.write(partial, modelSpec.type(), modelSpec.descriptor().version(), Provenance.genlabVersion(),
                        prepared.train().modality(), prepared.train() instanceof Table t ? t.schema() : null,
                        EffectiveConfig.render(effective.getConfig("model"), secrets), modelProvenance(info, prepared, provenance, configDigest));
            } catch (IOException | UncheckedIOException e) {
                AtomicFiles.deleteTree(partial);
                String cause = IoErrors.describeOrNull(e);
                throw new IllegalStateException("cannot save the model into " + modelDir + ": " + (cause != null ? cause : e.getMessage()), e);
            }
            Files.move(partial, modelDir);
            trackers.artifactTree("model", modelDir);

            // sample
            int rows = prepared.experiment().settings().sample().rows().orElse(prepared.train().size());
            Map<String, String> conditions = prepared.experiment().settings().sample().conditions();
            listener.phase("sampling " + rows + (prepared.train() instanceof Table ? " rows" : " documents")
                    + (conditions.isEmpty() ? "" : " where " + conditions));
            t0 = System.nanoTime();
            long sampleSeed = Seeds.derive(prepared.experiment().seed(), "sample");
            Data synthetic;
            try {
                if (conditions.isEmpty()) {
                    synthetic = fitted.sample(rows, sampleSeed);
                } else {
                    if (!fitted.supportsConditions()) {
                        throw new IllegalStateException("the fitted model does not support conditional sampling; remove sample.conditions");
                    }
                    synthetic = fitted.sample(rows, sampleSeed, conditions);
                }
                synthetic = conform(synthetic, prepared.train(), rows);
            } catch (RuntimeException | LinkageError e) {
                throw PluginFailure.of(model, "sample", e);
            }
            seconds.put("sample", (System.nanoTime() - t0) / 1e9);
            if (synthetic instanceof Table table) {
                Path csv = writer.artifactsDirectory().resolve("synthetic.csv");
                TableCsv.write(table, csv);
                trackers.artifact("synthetic.csv", csv);
            } else {
                Path txt = writer.artifactsDirectory().resolve("synthetic.txt");
                AtomicFiles.write(txt, String.join("\n", synthetic.asCorpus().documents()).getBytes(StandardCharsets.UTF_8));
                trackers.artifact("synthetic.txt", txt);
            }
            ReportData.capture(prepared.train(), synthetic, writer.artifactsDirectory()).forEach(trackers::artifact);
            cancelledCheck(cancelled);

            // evaluate
            EvaluationInput input = new EvaluationInput(prepared.train(), prepared.test(), synthetic, java.util.Optional.of(fitted));
            t0 = System.nanoTime();
            try (Progress bar = listener.progress("evaluating", prepared.metrics().size(), "metric")) {
                for (PreparedRun.ConfiguredMetric m : prepared.metrics()) {
                    cancelledCheck(cancelled);
                    String metricName = m.spec().name();
                    bar.status(metricName);
                    Context ctx = new Context(prepared.experiment().seed(), "metric/" + metricName, writer, trackers, listener, cancelled, pngText,
                            Optional.empty());
                    MetricResult result;
                    try {
                        result = m.metric().evaluate(input, ctx);
                    } catch (CancellationException e) {
                        throw e;
                    } catch (RuntimeException | LinkageError e) {
                        log.debug("metric {} failed", metricName, e);
                        String failure = PluginFailure.of(m.spec().descriptor(), metricName, "evaluate", e).getMessage();
                        metricErrors.add(failure);
                        listener.phase(secrets.redact(failure));
                        bar.advance(1);
                        continue;
                    }
                    long now = System.currentTimeMillis();
                    Map<String, Double> values = new LinkedHashMap<>();
                    result.values().forEach((k, v) -> values.put(metricName + "." + k, v));
                    results.putAll(values);
                    writer.results(values, now);
                    values.forEach((key, v) -> trackers.metricMirrors(key, v, 0, now));
                    if (result.headline() != null) {
                        headlines.put(metricName, metricName + "." + result.headline());
                    }
                    List<Measure> declarations = m.spec().descriptor().plugin() instanceof MetricPlugin p ? p.measures() : List.of();
                    declared.putAll(Measures.declare(metricName, declarations, result.values().keySet()));
                    bar.advance(1);
                }
            }
            seconds.put("evaluate", (System.nanoTime() - t0) / 1e9);
            writer.runField("headlines", headlines);
            writer.runField("seconds", seconds);
            Measures measures = withThresholds(declared, prepared.experiment().thresholds());
            writer.file(Measures.FILE, measures.json());
            trackers.artifactFromRun(Measures.FILE, writer.directory().resolve(Measures.FILE));
            ScoreCard card = ScoreCard.of(results, headlines, measures).withNotes(ScoreCard.notes(results, modelContext.results().keySet(), warnings));
            writer.runField("card", card.toJson());
            trackers.tags(Map.of(SCORECARD_TAG, card.markdown(false)));
            trackers.tags(timingTags(seconds));
            String error = metricErrors.isEmpty() ? null : secrets.redact(String.join("; ", metricErrors));
            RunStatus status = error == null ? RunStatus.FINISHED : RunStatus.FAILED;
            cancelledCheck(cancelled);
            listener.phase("writing the report");
            HtmlReport.capture(writer.directory(), status).forEach(trackers::artifact);
            if (cancelled.get()) {
                // a signal during the report or its upload ends the run KILLED, as at any other moment; a KILLED run
                // has no report (the one just written says FINISHED); 'genlab report <run>' builds one from what is kept
                AtomicFiles.deleteTree(writer.artifactsDirectory().resolve(HtmlReport.DIRECTORY));
                throw new CancellationException("cancelled by the user");
            }
            if (error != null) {
                writeError(writer, trackers, error);
            }
            recordOutputs(writer, trackers);
            trackers.ended(status, error, System.currentTimeMillis());
            return new RunOutcome(info.id(), writer.directory(), status, error, results, headlines, seconds, card, prepared.degenerate(), warnings);
        } catch (CancellationException e) {
            recordOutputsQuietly(writer, trackers);
            trackers.ended(RunStatus.KILLED, "cancelled by the user", System.currentTimeMillis());
            return new RunOutcome(info.id(), writer.directory(), RunStatus.KILLED, "cancelled by the user", results, headlines, seconds, null, prepared.degenerate(), warnings);
        } catch (Exception | Error e) {
            // the space set aside at the start is what lets a run that filled the disk still say so
            writer.releaseReserve();
            String message = secrets.redact(describe(e));
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            try {
                writeError(writer, trackers, secrets.redact(message + "\n\n" + trace));
            } catch (RuntimeException secondary) {
                e.addSuppressed(secondary);
            }
            recordOutputsQuietly(writer, trackers);
            trackers.ended(RunStatus.FAILED, message, System.currentTimeMillis());
            log.debug("run {} failed", info.id(), e);
            return new RunOutcome(info.id(), writer.directory(), RunStatus.FAILED, message, results, headlines, seconds, null, prepared.degenerate(), warnings);
        }
    }

    /**
     * What the fit recorded about the model itself ({@link TrainingContext#logResult}, e.g. the privacy budget a
     * differentially private model spent) joins the run's results, with a tag each; its caveats
     * ({@link TrainingContext#warn}) go to run.json {@code warnings} and the tag {@code genlab.warnings}.
     */
    private static void recordFitResults(Context modelContext, Map<String, Double> results, List<String> warnings, RunWriter writer,
            Trackers trackers) {
        Map<String, Double> fitResults = modelContext.results();
        if (!fitResults.isEmpty()) {
            results.putAll(fitResults);
            writer.results(fitResults, System.currentTimeMillis());
            writer.runField(ScoreCard.MODEL_RESULTS_FIELD, List.copyOf(fitResults.keySet()));
            Map<String, String> tags = new LinkedHashMap<>();
            fitResults.forEach((k, v) -> tags.put(k, Double.toString(v)));
            trackers.tags(tags);
        }
        warnings.addAll(modelContext.warnings());
        if (!warnings.isEmpty()) {
            writer.runField(ScoreCard.WARNINGS_FIELD, List.copyOf(warnings));
            trackers.tags(Map.of(WARNINGS_TAG, String.join("\n", warnings)));
        }
    }

    /**
     * outputs.json: every file under artifacts/ with its sha256, also a tag per output (what {@code genlab trace}
     * searches MLflow for) and an artifact.
     */
    private static void recordOutputs(RunWriter writer, Trackers trackers) throws IOException {
        OutputManifest manifest = OutputManifest.ofDirectory(writer.artifactsDirectory());
        writer.file(OutputManifest.FILE, manifest.json());
        trackers.tags(manifest.tags());
        trackers.artifactFromRun(OutputManifest.FILE, writer.directory().resolve(OutputManifest.FILE));
    }

    /** {@link #recordOutputs} for a run that already failed or was cancelled: a failure here changes nothing of its outcome. */
    private static void recordOutputsQuietly(RunWriter writer, Trackers trackers) {
        try {
            recordOutputs(writer, trackers);
        } catch (IOException | RuntimeException e) {
            log.debug("no outputs.json for {}", writer.directory(), e);
        }
    }

    /** What the saved model's card records of where it came from. */
    private static Map<String, Object> modelProvenance(RunInfo info, PreparedRun prepared, Map<String, Object> provenance, String configDigest) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("run_id", info.id());
        p.put("run_name", info.name());
        p.put("experiment", info.experiment());
        p.put("experiment_file", provenance.get("experiment_file"));
        p.put("seed", prepared.experiment().seed());
        p.put("dataset", prepared.experiment().dataset().type());
        p.put("dataset_sha256", prepared.datasetDigest());
        p.put("config_sha256", configDigest);
        p.put("plugins", provenance.get("plugins"));
        p.put("created", java.time.Instant.ofEpochMilli(System.currentTimeMillis()).toString());
        return p;
    }

    /** The declarations with the experiment's {@code report.thresholds} in place of the metrics' default bounds. */
    static Measures withThresholds(Map<String, Measure> declared, Map<String, Measure.Threshold> thresholds) {
        Map<String, Measure> out = new LinkedHashMap<>(declared);
        thresholds.forEach((key, t) -> {
            Measure m = out.get(key);
            if (m != null && m.isScore()) {
                out.put(key, m.withThreshold(t.pass(), t.fail()));
            }
        });
        return Measures.of(out);
    }

    private static void writeError(RunWriter writer, Trackers trackers, String text) {
        try {
            Path f = writer.artifactsDirectory().resolve("error.txt");
            AtomicFiles.write(f, text.getBytes(StandardCharsets.UTF_8));
            trackers.artifact("error.txt", f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String describe(Throwable e) {
        String io = e instanceof IOException || e instanceof UncheckedIOException ? IoErrors.describeOrNull(e) : null;
        if (io != null) {
            return io;
        }
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            return e.getClass().getSimpleName();
        }
        return e instanceof IllegalStateException || e instanceof IllegalArgumentException || e instanceof UncheckedIOException
                || e instanceof PluginFailure ? m : e.getClass().getSimpleName() + ": " + m;
    }

    private static void cancelledCheck(AtomicBoolean cancelled) {
        if (cancelled.get()) {
            throw new CancellationException("cancelled by the user");
        }
    }

    /** The sample must look like the training data: same columns, the asked number of rows; it gets its roles. */
    private static Data conform(Data synthetic, Data train, int rows) {
        if (synthetic == null) {
            throw new IllegalStateException("it sampled nothing (null)");
        }
        if (synthetic.modality() != train.modality()) {
            throw new IllegalStateException("it sampled " + synthetic.modality().label() + " data from "
                    + train.modality().label() + " data");
        }
        if (synthetic.size() != rows) {
            throw new IllegalStateException("it sampled " + synthetic.size() + " instead of " + rows);
        }
        if (synthetic instanceof Table s && train instanceof Table t) {
            if (!s.schema().columns().equals(t.schema().columns())) {
                throw new IllegalStateException("it sampled columns " + s.schema().columns() + " but was trained on "
                        + t.schema().columns());
            }
            return s.withSchema(t.schema());
        }
        return synthetic;
    }

    private static Map<String, String> tags(PreparedRun prepared, Map<String, Object> provenance) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("genlab.version", Provenance.genlabVersion());
        tags.put("genlab.experiment_file", String.valueOf(provenance.get("experiment_file")));
        tags.put("genlab.seed", Long.toString(prepared.experiment().seed()));
        tags.put("genlab.dataset", prepared.experiment().dataset().type());
        tags.put("genlab.dataset.sha256", prepared.datasetDigest());
        tags.put("genlab.model", prepared.experiment().model().type());
        if (provenance.containsKey("git_commit")) {
            tags.put("genlab.git_commit", String.valueOf(provenance.get("git_commit")));
        }
        tags.put("genlab.java", String.valueOf(provenance.get("java")));
        tags.put("genlab.os", String.valueOf(provenance.get("os")));
        @SuppressWarnings("unchecked")
        Map<String, Map<String, String>> plugins = (Map<String, Map<String, String>>) provenance.get("plugins");
        plugins.forEach((k, v) -> tags.put("genlab.plugin." + k, v.get("version")));
        return tags;
    }

    private static Map<String, String> timingTags(Map<String, Double> seconds) {
        Map<String, String> tags = new LinkedHashMap<>();
        seconds.forEach((k, v) -> tags.put("genlab.seconds." + k, String.format(java.util.Locale.ROOT, "%.3f", v)));
        return tags;
    }

    /** The local writer plus mirrors; a mirror that fails is reported once and then left alone. */
    private static final class Trackers {
        private final RunWriter local;
        private final List<RunTracker> mirrors;
        private final List<RunTracker> broken = new ArrayList<>();

        Trackers(RunWriter local, List<RunTracker> mirrors) {
            this.local = local;
            this.mirrors = mirrors;
        }

        void startedMirrors(RunInfo info) {
            each(t -> t.started(info));
        }

        void params(Map<String, String> p) {
            local.params(p);
            each(t -> t.params(p));
        }

        void tags(Map<String, String> tags) {
            local.tags(tags);
            each(t -> t.tags(tags));
        }

        void metric(String key, double value, long step, long ts) {
            local.metric(key, value, step, ts);
            metricMirrors(key, value, step, ts);
        }

        void metricMirrors(String key, double value, long step, long ts) {
            each(t -> t.metric(key, value, step, ts));
        }

        void artifact(String path, Path file) {
            each(t -> t.artifact(path, file));
        }

        void artifactFromRun(String path, Path file) {
            artifact(path, file);
        }

        void artifactTree(String prefix, Path dir) throws IOException {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                    artifact(prefix + "/" + dir.relativize(f).toString().replace('\\', '/'), f);
                }
            }
        }

        void ended(RunStatus status, String error, long end) {
            try {
                local.ended(status, error, end);
            } finally {
                each(t -> t.ended(status, error, end));
            }
        }

        private void each(java.util.function.Consumer<RunTracker> call) {
            for (RunTracker t : mirrors) {
                if (broken.contains(t)) {
                    continue;
                }
                try {
                    call.accept(t);
                } catch (RuntimeException e) {
                    broken.add(t);
                    log.warn("tracking to {} stopped: {}; the run goes on and is complete in the local store ({}); "
                            + "push it later with 'genlab sync'", t, describe(e), local.directory());
                }
            }
        }
    }

    /** The context a plugin gets: seeded randomness, progress, artifacts, metric logging, cancellation. */
    /**
     * A differentially private model logs what it spent as {@code privacy.*} metrics ({@code privacy.epsilon-spent},
     * {@code privacy.delta}, …); besides the metric histories they become run tags ({@code genlab.privacy.*}, locally and
     * in MLflow) and the run record's {@code privacy} field, so a run's budget is seen without reading its metrics.
     */
    private static void recordPrivacy(Map<String, Double> privacy, RunWriter writer, Trackers trackers) {
        if (privacy.isEmpty()) {
            return;
        }
        Map<String, String> tags = new LinkedHashMap<>();
        privacy.forEach((k, v) -> tags.put("genlab." + k, Double.toString(v)));
        trackers.tags(tags);
        writer.runField("privacy", new LinkedHashMap<>(privacy));
    }

    static final String PRIVACY_PREFIX = "privacy.";
    /**
     * The score-card family of a DP model's budget: its {@code privacy.*} metrics as results {@code budget.*} ("privacy"
     * is the privacy metric's family), headed by {@code budget.epsilon-spent}.
     */
    static final String BUDGET_FAMILY = "budget";

    private static Map<String, Double> budgetResults(Map<String, Double> privacy) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (privacy.containsKey(PRIVACY_PREFIX + "epsilon-spent")) {
            privacy.forEach((k, v) -> out.put(BUDGET_FAMILY + "." + k.substring(PRIVACY_PREFIX.length()), v));
        }
        return out;
    }

    /**
     * The spent ε is judged against the configured one when the model logged it ({@code privacy.epsilon}): pass at or
     * below it, fail above (no warn band) — a DP model never may spend more. The rest is information.
     */
    private static Map<String, Measure> budgetMeasures(Map<String, Double> budget) {
        Map<String, Measure> out = new LinkedHashMap<>();
        for (String key : budget.keySet()) {
            out.put(key, Measure.information(key, "privacy budget setting or accounting figure of the model"));
        }
        String spent = BUDGET_FAMILY + ".epsilon-spent";
        Measure m = Measure.minimise(spent, 0, Double.POSITIVE_INFINITY, "epsilon the model spent, by its privacy accountant");
        Double configured = budget.get(BUDGET_FAMILY + ".epsilon");
        out.put(spent, configured != null && Double.isFinite(configured) ? m.withThreshold(configured, configured) : m);
        return out;
    }

    private static final class Context implements TrainingContext {
        private final long seed;
        private final String purposePrefix;
        private final RunWriter writer;
        private final Trackers trackers;
        private final RunListener listener;
        private final AtomicBoolean cancelled;
        private final Map<String, String> pngText;
        private final Optional<PublicDomain> publicDomain;
        /** The last value of each {@code privacy.*} metric the plugin logged: the budget a DP model spent. */
        final Map<String, Double> privacy = new LinkedHashMap<>();
        private final Map<String, Double> results = new LinkedHashMap<>();
        private final List<String> warnings = new ArrayList<>();

        Context(long seed, String purposePrefix, RunWriter writer, Trackers trackers, RunListener listener, AtomicBoolean cancelled,
                Map<String, String> pngText, Optional<PublicDomain> publicDomain) {
            this.seed = seed;
            this.purposePrefix = purposePrefix;
            this.writer = writer;
            this.trackers = trackers;
            this.listener = listener;
            this.cancelled = cancelled;
            this.pngText = pngText;
            this.publicDomain = publicDomain;
        }

        @Override
        public Optional<PublicDomain> publicDomain() {
            return publicDomain;
        }

        @Override
        public long seed() {
            return Seeds.derive(seed, purposePrefix);
        }

        @Override
        public SplittableRandom random(String purpose) {
            return Seeds.random(seed, purposePrefix + "/" + purpose);
        }

        @Override
        public Progress progress(String task, long total, String unit) {
            return listener.progress(task, total, unit);
        }

        @Override
        public ArtifactSink artifacts() {
            Path root = writer.artifactsDirectory();
            return new ArtifactSink() {
                @Override
                public void write(String path, byte[] content) throws IOException {
                    Path target = resolve(root, path);
                    AtomicFiles.write(target, path.endsWith(".png") ? PngText.withText(content, pngText) : content);
                    trackers.artifact(path, target);
                }

                @Override
                public void copy(String path, Path file) throws IOException {
                    write(path, Files.readAllBytes(file));
                }
            };
        }

        private static Path resolve(Path root, String path) {
            Path target = root.resolve(path).normalize();
            if (!target.startsWith(root) || path.isBlank()) {
                throw new IllegalArgumentException("artifact path '" + path + "' must be relative and stay inside the run");
            }
            return target;
        }

        @Override
        public boolean isCancelled() {
            return cancelled.get();
        }

        @Override
        public void logMetric(String key, double value, long step) {
            if (key.startsWith(PRIVACY_PREFIX)) {
                privacy.put(key, value);
            }
            trackers.metric(key, value, step, System.currentTimeMillis());
        }

        @Override
        public synchronized void logResult(String key, double value) {
            results.put(key, value);
            if (key.startsWith(PRIVACY_PREFIX)) {
                privacy.put(key, value); // a DP model's budget, whether logged as a result or as a metric
            }
            // the local store gets it with the results after the fit (results.json and one metric point)
            trackers.metricMirrors(key, value, 0, System.currentTimeMillis());
        }

        @Override
        public synchronized void warn(String message) {
            warnings.add(message);
        }

        synchronized Map<String, Double> results() {
            return new LinkedHashMap<>(results);
        }

        synchronized List<String> warnings() {
            return List.copyOf(warnings);
        }

        @Override
        public Path checkpointDirectory() {
            Path dir = writer.directory().resolve("checkpoints");
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return dir;
        }
    }
}
