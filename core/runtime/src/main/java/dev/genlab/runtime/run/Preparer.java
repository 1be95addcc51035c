package dev.genlab.runtime.run;

import com.typesafe.config.Config;
import dev.genlab.runtime.config.ConfigNames;
import dev.genlab.runtime.config.ConfigProblem;
import dev.genlab.runtime.config.Experiment;
import dev.genlab.runtime.config.ExperimentSettings;
import dev.genlab.runtime.config.PluginSpec;
import dev.genlab.runtime.config.Problems;
import dev.genlab.runtime.config.Suggestions;
import dev.genlab.runtime.plugin.PluginFailure;
import dev.genlab.runtime.plugin.PluginRegistry;
import dev.genlab.runtime.util.DataDigest;
import dev.genlab.runtime.wiring.PluginFactory;
import dev.genlab.spi.Column;
import dev.genlab.spi.Data;
import dev.genlab.spi.DataException;
import dev.genlab.spi.DataProblems;
import dev.genlab.spi.Dataset;
import dev.genlab.spi.DatasetContext;
import dev.genlab.spi.GenerativeModel;
import dev.genlab.spi.LoadedData;
import dev.genlab.spi.Metric;
import dev.genlab.spi.MetricPlugin;
import dev.genlab.spi.MinimumSizes;
import dev.genlab.spi.Modality;
import dev.genlab.spi.PluginConfigException;
import dev.genlab.spi.PublicDomain;
import dev.genlab.spi.Schema;
import dev.genlab.spi.Table;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a validated {@link Experiment} into a {@link PreparedRun}: builds the plugins (Guice), loads the data,
 * applies and checks the roles, the split and the sampling conditions. Every problem is a located user error;
 * nothing is written.
 */
public final class Preparer {
    private final PluginRegistry registry;

    public Preparer(PluginRegistry registry) {
        this.registry = registry;
    }

    public PreparedRun prepare(Experiment experiment, RunListener listener) {
        Problems problems = new Problems();
        PluginFactory factory = new PluginFactory(registry);
        Dataset dataset = factory.create(experiment.dataset(), Dataset.class, problems);
        GenerativeModel model = factory.create(experiment.model(), GenerativeModel.class, problems);
        List<PreparedRun.ConfiguredMetric> metrics = new ArrayList<>();
        for (PluginSpec spec : experiment.metrics()) {
            Metric m = factory.create(spec, Metric.class, problems);
            if (m != null) {
                metrics.add(new PreparedRun.ConfiguredMetric(spec, m));
            }
        }
        problems.throwIfAny();

        listener.phase("loading dataset '" + experiment.dataset().type() + "'");
        Path base = experiment.file().toAbsolutePath().getParent();
        long seed = experiment.seed();
        DatasetContext context = new DatasetContext() {
            @Override
            public Path resolve(String path) {
                return base.resolve(path).normalize();
            }

            @Override
            public long seed() {
                return seed;
            }
        };
        LoadedData loaded;
        try {
            loaded = dataset.load(context);
        } catch (DataException e) {
            problems.add(new ConfigProblem(e.source() + (e.line() > 0 ? ":" + e.line() : ""), null, e.getMessage()));
            throw new dev.genlab.runtime.config.ConfigErrors(problems.list());
        } catch (PluginConfigException e) {
            PluginSpec spec = experiment.dataset();
            problems.add(Problems.originOf(spec.block(), e.key()), ConfigNames.join(spec.path(), e.key()), e.getMessage());
            throw new dev.genlab.runtime.config.ConfigErrors(problems.list());
        } catch (RuntimeException | LinkageError e) {
            throw PluginFailure.of(experiment.dataset().descriptor(), "load", e);
        }

        Optional<PublicDomain> publicDomain;
        try {
            publicDomain = dataset.publicDomain();
        } catch (RuntimeException | LinkageError e) {
            throw PluginFailure.of(experiment.dataset().descriptor(), "publicDomain", e);
        }
        Data data = loaded.data();
        PluginSpec modelSpec = experiment.model();
        if (!modelSpec.descriptor().plugin().modalities().contains(data.modality())) {
            problems.add(Problems.originOf(modelSpec.block(), "type"), "model.type", "model '" + modelSpec.type() + "' cannot learn from "
                    + data.modality().label() + " data (dataset '" + experiment.dataset().type() + "')");
        }
        Optional<Data> providedTest = loaded.test();
        if (data instanceof Table table) {
            Schema schema = roles(experiment, table.schema(), problems);
            if (schema != null) {
                data = table.withSchema(schema);
                providedTest = providedTest.map(t -> t.asTable().withSchema(schema));
                loaded = new LoadedData(data, providedTest, loaded.sources());
            }
        } else {
            String gives = "dataset '" + experiment.dataset().type() + "' gives " + data.modality().label() + " data";
            if (experiment.target().isPresent() || experiment.sensitive().isPresent()) {
                problems.at(experiment.dataset().block(), experiment.target().isPresent() ? "target" : "sensitive", "dataset",
                        "target and sensitive columns apply to tables, but " + gives);
            }
            if (!experiment.settings().sample().conditions().isEmpty()) {
                problems.at(experiment.resolved(), "sample.conditions", "sample.conditions", "conditions apply to tables, but " + gives
                        + "; remove sample.conditions");
            }
        }
        if (problems.isEmpty()) {
            PluginSpec datasetSpec = experiment.dataset();
            try {
                dataset.check(data, problemsOf(datasetSpec, datasetSpec, problems));
            } catch (RuntimeException | LinkageError e) {
                throw PluginFailure.of(datasetSpec.descriptor(), "check", e);
            }
        }
        problems.throwIfAny();

        ExperimentSettings.Split split = experiment.settings().split();
        Config resolved = experiment.resolved();
        Data train;
        Data test;
        if (split.useProvidedTest()) {
            if (providedTest.isEmpty()) {
                problems.at(resolved, "split.use-provided-test", "split.use-provided-test",
                        "dataset '" + experiment.dataset().type() + "' has no test set of its own; set it to false to split the data");
                problems.throwIfAny();
            }
            train = data;
            test = providedTest.get();
        } else {
            Splitter.Parts parts = Splitter.split(data, split.test(), split.stratify(), experiment.seed());
            train = parts.train();
            test = parts.test();
        }
        if (train.size() == 0 || test.size() == 0) {
            problems.at(resolved, "split.test", "split.test", "splitting " + data.size() + (data instanceof Table ? " rows" : " documents")
                    + " with test = " + split.test() + " leaves an empty " + (train.size() == 0 ? "training" : "test") + " set; "
                    + "use more data or another test share");
        }
        if (data instanceof Table table) {
            conditions(experiment, table.schema(), problems);
            if (!experiment.settings().sample().conditions().isEmpty() && train.size() > 0 && !supportsConditions(modelSpec, model, train)) {
                problems.at(resolved, "sample.conditions", "sample.conditions", "model '" + modelSpec.type()
                        + "' does not sample on conditions" + (data.modality() == Modality.IMAGE ? " here (an image model needs"
                        + " conditional = true and a categorical target)" : "") + "; remove sample.conditions or use a model that does");
            }
        }
        if (train.size() > 0) {
            try {
                model.check(train, publicDomain, problemsOf(modelSpec, experiment.dataset(), problems));
            } catch (RuntimeException | LinkageError e) {
                throw PluginFailure.of(modelSpec.descriptor(), "check", e);
            }
            checkMetrics(experiment, metrics, train, problems);
        }
        problems.throwIfAny();
        return new PreparedRun(experiment, loaded, train, test, model, metrics, DataDigest.sha256(data), degenerate(experiment, train, test),
                publicDomain);
    }

    /**
     * The metrics whose declared minimum sizes the split or the sample falls below, each as one sentence naming the
     * metric, the part, what it needs and what it gets.
     */
    static List<String> degenerate(Experiment experiment, Data train, Data test) {
        int rows = experiment.settings().sample().rows().orElse(train.size());
        String unit = train instanceof Table ? "rows" : "documents";
        List<String> out = new ArrayList<>();
        for (PluginSpec spec : experiment.metrics()) {
            if (!(spec.descriptor().plugin() instanceof MetricPlugin p)) {
                continue;
            }
            MinimumSizes min = p.minimumSizes();
            List<String> parts = new ArrayList<>();
            if (train.size() < min.train()) {
                parts.add(min.train() + " training " + unit + " (the split gives " + train.size() + ")");
            }
            if (test.size() < min.test()) {
                parts.add(min.test() + " test " + unit + " (the split gives " + test.size() + ")");
            }
            if (rows < min.synthetic()) {
                parts.add(min.synthetic() + " synthetic " + unit + " (sample.rows gives " + rows + ")");
            }
            if (!parts.isEmpty()) {
                out.add("metric '" + spec.name() + "' needs at least " + String.join(" and ", parts) + "; its numbers will not mean much");
            }
        }
        return out;
    }

    /** Each metric's own check of its settings against the training data (see {@link Metric#check}), located in the file. */
    private static void checkMetrics(Experiment experiment, List<PreparedRun.ConfiguredMetric> metrics, Data train, Problems problems) {
        PluginSpec datasetSpec = experiment.dataset();
        for (PreparedRun.ConfiguredMetric m : metrics) {
            PluginSpec spec = m.spec();
            try {
                m.metric().check(train, problemsOf(spec, datasetSpec, problems));
            } catch (RuntimeException | LinkageError e) {
                throw PluginFailure.of(spec.descriptor(), spec.name(), "check", e);
            }
        }
    }

    private static boolean supportsConditions(PluginSpec spec, GenerativeModel model, Data train) {
        try {
            return model.supportsConditions(train);
        } catch (RuntimeException | LinkageError e) {
            throw PluginFailure.of(spec.descriptor(), "check", e);
        }
    }

    /** Where a plugin's {@code check} reports: its own settings located in its block, the roles in the dataset block. */
    private static DataProblems problemsOf(PluginSpec spec, PluginSpec datasetSpec, Problems problems) {
        return new DataProblems() {
                @Override
                public void setting(String key, String message) {
                    problems.at(spec.block(), key, ConfigNames.join(spec.path(), key), message);
                }

                @Override
                public void dataset(String key, String message) {
                    problems.at(datasetSpec.block(), key, ConfigNames.join(datasetSpec.path(), key), message);
                }
        };
    }

    private static Schema roles(Experiment experiment, Schema schema, Problems problems) {
        Config block = experiment.dataset().block();
        String type = experiment.dataset().type();
        String target = experiment.target().orElse(schema.target().orElse(null));
        boolean ok = true;
        if (target != null && !schema.has(target)) {
            problems.at(block, "target", "dataset.target", noColumn(target, type, schema));
            ok = false;
        }
        List<String> sensitive = experiment.sensitive().orElse(schema.sensitive());
        for (String s : sensitive) {
            if (!schema.has(s)) {
                problems.at(block, "sensitive", "dataset.sensitive", noColumn(s, type, schema));
                ok = false;
            }
        }
        return ok ? schema.withTarget(target).withSensitive(sensitive) : null;
    }

    private static String noColumn(String name, String type, Schema schema) {
        return "dataset '" + type + "' has no column '" + name + "'" + Suggestions.didYouMean(name, schema.names())
                + " (columns: " + String.join(", ", schema.names()) + ")";
    }

    private static void conditions(Experiment experiment, Schema schema, Problems problems) {
        Map<String, String> conditions = experiment.settings().sample().conditions();
        Config resolved = experiment.resolved();
        for (Map.Entry<String, String> c : conditions.entrySet()) {
            String key = "sample.conditions." + c.getKey();
            if (!schema.has(c.getKey())) {
                problems.at(resolved, key, key, "no column '" + c.getKey() + "'" + Suggestions.didYouMean(c.getKey(), schema.names())
                        + " (columns: " + String.join(", ", schema.names()) + ")");
                continue;
            }
            Column column = schema.column(c.getKey());
            if (!column.isCategorical()) {
                problems.at(resolved, key, key, "conditions apply to categorical columns; '" + c.getKey() + "' is numeric");
            } else if (column.codeOf(c.getValue()) < 0) {
                problems.at(resolved, key, key, "'" + c.getValue() + "' is not a value of column '" + c.getKey() + "'"
                        + Suggestions.didYouMean(c.getValue(), column.levels()) + " (values: " + String.join(", ", column.levels()) + ")");
            }
        }
    }
}
