package dev.genlab.runtime.testplugins;

import dev.genlab.spi.Column;
import dev.genlab.spi.Data;
import dev.genlab.spi.Dataset;
import dev.genlab.spi.DatasetContext;
import dev.genlab.spi.DatasetPlugin;
import dev.genlab.spi.EvaluationInput;
import dev.genlab.spi.FittedModel;
import dev.genlab.spi.GenerativeModel;
import dev.genlab.spi.LoadedData;
import dev.genlab.spi.Metric;
import dev.genlab.spi.MetricPlugin;
import dev.genlab.spi.MetricResult;
import dev.genlab.spi.Modality;
import dev.genlab.spi.ModelPlugin;
import dev.genlab.spi.PluginConfigException;
import dev.genlab.spi.PluginContext;
import dev.genlab.spi.Progress;
import dev.genlab.spi.Schema;
import dev.genlab.spi.Table;
import dev.genlab.spi.TrainingContext;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

/** Small real plugins for runtime tests: a generated dataset, a bootstrap model, a mean-gap metric. */
public final class TestPlugins {
    private TestPlugins() {
    }

    public enum Shape {
        SMALL_TABLE,
        CONSTANT_COLUMN
    }

    public record ToyConfig(int rows, Shape shape, Optional<String> note) {
        public ToyConfig {
            if (rows < 0) {
                throw new PluginConfigException("rows", "must not be negative, got " + rows);
            }
        }
    }

    /** Dataset "toy": x ~ N(sex*2, 1), sex in {F, M}, label = x > 1. */
    public static final class ToyDatasetPlugin implements DatasetPlugin {
        @Override
        public String name() {
            return "toy";
        }

        @Override
        public String description() {
            return "generated test table";
        }

        @Override
        public Set<Modality> modalities() {
            return Set.of(Modality.TABULAR);
        }

        @Override
        public Class<? extends Record> configClass() {
            return ToyConfig.class;
        }

        @Override
        public Class<? extends Dataset> datasetClass() {
            return ToyDataset.class;
        }
    }

    public static final class ToyDataset implements Dataset {
        private final ToyConfig config;

        @Inject
        public ToyDataset(ToyConfig config) {
            this.config = config;
        }

        @Override
        public LoadedData load(DatasetContext context) {
            SplittableRandom r = new SplittableRandom(7);
            int n = config.rows();
            double[] x = new double[n];
            int[] sex = new int[n];
            int[] label = new int[n];
            for (int i = 0; i < n; i++) {
                sex[i] = r.nextInt(2);
                x[i] = config.shape() == Shape.CONSTANT_COLUMN ? 1.0 : sex[i] * 2 + r.nextGaussian();
                label[i] = x[i] > 1 ? 1 : 0;
            }
            Schema schema = Schema.of(Column.numeric("x"), Column.categorical("sex", List.of("F", "M")), Column.categorical("label", List.of("no", "yes")))
                    .withTarget("label").withSensitive(List.of("sex"));
            return LoadedData.of(Table.of(schema, List.of(x, sex, label)), "generated");
        }
    }

    public record BootstrapConfig(int epochs, double noise, boolean fail, long sleepMs) {
        public BootstrapConfig {
            if (noise < 0) {
                throw new PluginConfigException("noise", "must be at least 0, got " + noise);
            }
        }

        public BootstrapConfig(int epochs, double noise, boolean fail) {
            this(epochs, noise, fail, 0);
        }
    }

    /** Model "bootstrap": resamples training rows, adds Gaussian noise to numeric columns. */
    public static final class BootstrapModelPlugin implements ModelPlugin {
        @Override
        public String name() {
            return "bootstrap";
        }

        @Override
        public String description() {
            return "resamples rows with noise";
        }

        @Override
        public Set<Modality> modalities() {
            return Set.of(Modality.TABULAR);
        }

        @Override
        public Class<? extends Record> configClass() {
            return BootstrapConfig.class;
        }

        @Override
        public Class<? extends GenerativeModel> modelClass() {
            return BootstrapModel.class;
        }
    }

    public static final class BootstrapModel implements GenerativeModel {
        private final BootstrapConfig config;

        @Inject
        public BootstrapModel(BootstrapConfig config) {
            this.config = config;
        }

        @Override
        public FittedModel fit(Data train, TrainingContext context) {
            if (config.fail()) {
                throw new IllegalStateException("bootstrap was told to fail");
            }
            Table table = train.asTable();
            try (Progress p = context.progress("fit", config.epochs(), "epoch")) {
                SplittableRandom r = context.random("fit");
                for (int e = 0; e < config.epochs(); e++) {
                    context.logMetric("loss", 1.0 / (e + 1) + r.nextDouble() * 1e-3, e);
                    p.advance(1);
                    if (config.sleepMs() > 0) {
                        sleep(config.sleepMs());
                    }
                }
            }
            return new Fitted(table, config.noise());
        }

        @Override
        public FittedModel load(Path directory) throws IOException {
            throw new IOException("not supported in tests");
        }

        /** A slow model, so a test can do something (kill a server) while it trains. */
        private static void sleep(long millis) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static final class Fitted implements FittedModel {
        private final Table table;
        private final double noise;

        Fitted(Table table, double noise) {
            this.table = table;
            this.noise = noise;
        }

        @Override
        public Data sample(int n, long seed) {
            SplittableRandom r = new SplittableRandom(seed);
            int[] idx = new int[n];
            for (int i = 0; i < n; i++) {
                idx[i] = r.nextInt(table.rowCount());
            }
            Table s = table.rows(idx);
            double[] x = s.numericColumn(0);
            for (int i = 0; i < n; i++) {
                x[i] += noise * r.nextGaussian();
            }
            return Table.of(s.schema(), List.of(x, s.codes(1), s.codes(2)));
        }

        @Override
        public void save(Path directory) throws IOException {
            Files.writeString(directory.resolve("model.txt"), "bootstrap of " + table.rowCount() + " rows");
        }
    }

    /** Metric "mean-gap": |mean(x real) - mean(x synthetic)| and the share of each sex. */
    public static final class MeanGapMetricPlugin implements MetricPlugin {
        @Override
        public String name() {
            return "mean-gap";
        }

        @Override
        public String description() {
            return "gap between means";
        }

        @Override
        public Set<Modality> modalities() {
            return Set.of(Modality.TABULAR);
        }

        @Override
        public Class<? extends Metric> metricClass() {
            return MeanGapMetric.class;
        }

        @Override
        public java.util.List<dev.genlab.spi.Measure> measures() {
            return java.util.List.of(
                    dev.genlab.spi.Measure.minimise("gap", 0, Double.POSITIVE_INFINITY, "gap between means").withThreshold(0.5, 1.0),
                    dev.genlab.spi.Measure.information("share.*", "share of a group"));
        }

        @Override
        public dev.genlab.spi.MinimumSizes minimumSizes() {
            return new dev.genlab.spi.MinimumSizes(10, 5, 10);
        }
    }

    public static final class MeanGapMetric implements Metric {
        @Override
        public MetricResult evaluate(EvaluationInput input, PluginContext context) {
            Map<String, Double> v = new LinkedHashMap<>();
            double gap = Math.abs(mean(input.train().asTable().numericColumn(0)) - mean(input.synthetic().asTable().numericColumn(0)));
            v.put("gap", gap);
            v.put("share.synthetic.F", share(input.synthetic().asTable().codes(1)));
            return new MetricResult(v, "gap");
        }

        private static double mean(double[] a) {
            double s = 0;
            for (double d : a) {
                s += d;
            }
            return s / a.length;
        }

        private static double share(int[] codes) {
            int f = 0;
            for (int c : codes) {
                f += c == 0 ? 1 : 0;
            }
            return (double) f / codes.length;
        }
    }
}
