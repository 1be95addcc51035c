package dev.genlab.plugin.deeptabular.bench;

import dev.genlab.plugin.djl.DjlEngine;
import dev.genlab.runtime.plugin.PluginKind;
import dev.genlab.spi.ArtifactSink;
import dev.genlab.spi.FittedModel;
import dev.genlab.spi.GenerativeModel;
import dev.genlab.spi.Progress;
import dev.genlab.spi.Table;
import dev.genlab.spi.TrainingContext;
import dev.genlab.testkit.PluginHarness;
import dev.genlab.testkit.TestContexts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Training speed (epochs/s, rows/s) and utility (train a logistic regression on synthetic rows, test on the real
 * Adult test set) of each deep model on Adult. Not a test: timings depend on the machine.
 *
 * <pre>
 * --models gan,ctgan,tvae,ddpm   which models (default all)
 * --MODEL "hocon settings"       e.g. --ctgan "epochs = 10" (defaults: the plugin's reference.conf)
 * --epochs N                     shorthand: epochs = N for every model
 * --rows N                       train on the first N rows only
 * --threads N|auto               PyTorch intra-op threads (default auto: genlab's thread policy, DjlEngine.threads)
 * --seed N                       run seed (default 1)
 * --no-utility                   skip the classifier
 * --sample-rows N                sample N rows instead of as many as the training rows (without --no-utility the
 *                                classifier then trains on N rows)
 * --data DIR                     folder with adult-train.csv.gz and adult-test.csv.gz (default: the copy bundled in
 *                                genlab-plugin-tabular-datasets, read from the class path)
 * </pre>
 * After each model it also prints one machine-readable line {@code BENCH {json}} (epoch-loop seconds, fit seconds,
 * sampling seconds, rows), which {@code plugins/deep-tabular/bench/side-by-side.py} reads.
 */
public final class DeepTabularBench {
    private DeepTabularBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> settings = new LinkedHashMap<>();
        List<String> models = new ArrayList<>(List.of("gan", "ctgan", "tvae", "ddpm"));
        String epochs = null;
        int rows = Integer.MAX_VALUE;
        String threads = "auto";
        long seed = 1;
        boolean utility = true;
        int sampleRows = -1;
        Path data = null;
        String dataset = "adult";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--models" -> models = List.of(args[++i].split(","));
                case "--epochs" -> epochs = args[++i];
                case "--rows" -> rows = Integer.parseInt(args[++i]);
                case "--threads" -> threads = args[++i];
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--no-utility" -> utility = false;
                case "--sample-rows" -> sampleRows = Integer.parseInt(args[++i]);
                case "--data" -> data = Path.of(args[++i]);
                case "--dataset" -> dataset = args[++i];
                default -> {
                    if (args[i].startsWith("--") && i + 1 < args.length) {
                        settings.put(args[i].substring(2), args[++i]);
                    } else {
                        throw new IllegalArgumentException("unknown argument " + args[i]);
                    }
                }
            }
        }
        if (!threads.equals("auto")) {
            System.setProperty("genlab.threads", threads);
        }
        threads = Integer.toString(DjlEngine.threads());
        Table train;
        Table test;
        if (dataset.equals("toy-8gaussians")) {
            // as experiments/toy-8gaussians-gan.conf trains on it: 5000 points, 80% of them for training
            train = dev.genlab.plugin.deeptabular.EightGaussiansDataset.table(
                    new dev.genlab.plugin.deeptabular.EightGaussiansConfig(rows == Integer.MAX_VALUE ? 4000 : rows, 8, 2.0, 0.02, 0));
            test = train;
            utility = false;
        } else if (dataset.equals("adult")) {
            if (data == null) {
                data = bundledAdult();
            }
            Table[] adult = AdultCsv.load(data.resolve("adult-train.csv.gz"), data.resolve("adult-test.csv.gz"));
            train = adult[0].rowCount() > rows ? adult[0].head(rows) : adult[0];
            test = adult[1];
        } else {
            throw new IllegalArgumentException("--dataset must be adult or toy-8gaussians, got " + dataset);
        }
        System.out.printf(Locale.ROOT, "%s: %d training rows, %d test rows; %s, %s threads, %d cores, Java %s%n", dataset,
                train.rowCount(), test.rowCount(), DjlEngine.describe(), threads, Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        System.out.printf(Locale.ROOT, "%-6s %7s %9s %9s %10s %13s %9s %7s  %s%n",
                "model", "epochs", "fit s", "epochs/s", "rows/s", "sample rows/s", "accuracy", "F1", "settings");
        if (utility) {
            LogisticUtility.Score real = LogisticUtility.trainAndTest(train, test, AdultCsv.TARGET, AdultCsv.POSITIVE, seed);
            System.out.printf(Locale.ROOT, "%-6s %7s %9s %9s %10s %13s %9.3f %7.3f  %s%n", "real", "-", "-", "-", "-", "-",
                    real.accuracy(), real.f1(), "logistic regression on the real training rows");
        }
        Path work = Files.createTempDirectory("genlab-bench");
        for (String model : models) {
            String hocon = "device = cpu\n" + (epochs == null ? "" : "epochs = " + epochs + "\n") + settings.getOrDefault(model, "");
            GenerativeModel generative = PluginHarness.create(PluginHarness.descriptor(PluginKind.MODEL, model), hocon, GenerativeModel.class);
            Record config = PluginHarness.config(PluginHarness.descriptor(PluginKind.MODEL, model), hocon);
            int modelEpochs = (Integer) config.getClass().getMethod("epochs").invoke(config);
            int batchSize = (Integer) config.getClass().getMethod("batchSize").invoke(config);
            PrintingContext context = new PrintingContext(TestContexts.training(seed, Files.createDirectories(work.resolve(model))));
            long t0 = System.nanoTime();
            FittedModel fitted = generative.fit(train, context);
            double fitSeconds = (System.nanoTime() - t0) / 1e9;
            long t1 = System.nanoTime();
            long c1 = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            int rowsToSample = sampleRows >= 0 ? sampleRows : train.rowCount();
            Table synthetic = fitted.sample(rowsToSample, seed).asTable();
            double sampleSeconds = (System.nanoTime() - t1) / 1e9;
            double sampleCpu = (java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - c1) / 1e9;
            String scores = "        -       -";
            if (utility) {
                LogisticUtility.Score s = LogisticUtility.trainAndTest(synthetic, test, AdultCsv.TARGET, AdultCsv.POSITIVE, seed);
                scores = String.format(Locale.ROOT, "%9.3f %7.3f", s.accuracy(), s.f1());
            }
            System.out.printf(Locale.ROOT, "%-6s %7d %9.1f %9.3f %10.0f %13.0f %s  %s (load %s)%n", model, modelEpochs, fitSeconds,
                    modelEpochs / fitSeconds, (double) train.rowCount() * modelEpochs / fitSeconds,
                    rowsToSample / sampleSeconds, scores, hocon.replace('\n', ' ').trim(), load());
            // an update: one generator step (for gan, after its discriminator-steps critic steps), one batch per step
            System.out.printf(Locale.ROOT, "BENCH {\"model\": \"%s\", \"threads\": %s, \"epochs\": %d, \"epoch_seconds\": %.4f, "
                    + "\"fit_seconds\": %.4f, \"sample_rows\": %d, \"sample_seconds\": %.4f, \"sample_cpu\": %.4f, \"train_rows\": %d, \"batch_size\": %d, "
                    + "\"updates_per_epoch\": %d, \"epoch_times\": %s, \"epoch_cpu\": %s, \"layout\": \"%s\"}%n", model, threads, modelEpochs, context.epochSeconds(), fitSeconds,
                    rowsToSample, sampleSeconds, sampleCpu, train.rowCount(), batchSize, Math.max(1, train.rowCount() / batchSize), context.epochTimes(), context.epochCpu(),
                    dev.genlab.plugin.deeptabular.BenchLayout.of(fitted));
        }
    }

    /** Adult as bundled in genlab-plugin-tabular-datasets (a test dependency), copied out of the class path. */
    private static Path bundledAdult() throws java.io.IOException {
        Path dir = Files.createTempDirectory("genlab-bench-adult");
        for (String name : List.of("adult-train.csv.gz", "adult-test.csv.gz")) {
            try (var in = DeepTabularBench.class.getResourceAsStream("/dev/genlab/plugin/datasets/adult/" + name)) {
                if (in == null) {
                    throw new java.io.FileNotFoundException("dev/genlab/plugin/datasets/adult/" + name + " is not on the class path");
                }
                Files.copy(in, dir.resolve(name));
            }
        }
        return dir;
    }

    /** The 1-minute load average, since other work on the machine changes every timing here. */
    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    /** Prints the progress status to stderr about every 10% of the epochs. */
    private static final class PrintingContext implements TrainingContext {
        private final TestContexts.RecordingContext delegate;
        private long epochLoopStart;
        private long lastEpochEnd;
        private final List<Double> epochTimes = new ArrayList<>();
        private final List<Double> epochCpu = new ArrayList<>();
        private long lastCpu;

        /** Seconds of each epoch, in order, as JSON numbers. */
        String epochTimes() {
            return json(epochTimes);
        }

        /** CPU seconds of the training thread in each epoch (at 1 PyTorch thread: the work, whatever the machine's load). */
        String epochCpu() {
            return json(epochCpu);
        }

        private static String json(List<Double> times) {
            return times.stream().map(t -> String.format(Locale.ROOT, "%.4f", t)).collect(java.util.stream.Collectors.joining(", ", "[", "]"));
        }

        /** Seconds from the start of the epoch loop (its progress bar) to the end of the last epoch. */
        double epochSeconds() {
            return (lastEpochEnd - epochLoopStart) / 1e9;
        }

        private static long cpu() {
            return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        }

        PrintingContext(TestContexts.RecordingContext delegate) {
            this.delegate = delegate;
        }

        @Override
        public void logMetric(String key, double value, long step) {
            delegate.logMetric(key, value, step);
        }

        @Override
        public Path checkpointDirectory() {
            return delegate.checkpointDirectory();
        }

        @Override
        public long seed() {
            return delegate.seed();
        }

        @Override
        public SplittableRandom random(String purpose) {
            return delegate.random(purpose);
        }

        @Override
        public ArtifactSink artifacts() {
            return delegate.artifacts();
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public Progress progress(String task, long total, String unit) {
            long start = System.nanoTime();
            boolean epochs = unit.equals("epoch");
            if (epochs) {
                epochLoopStart = start;
                lastCpu = cpu();
            }
            return new Progress() {
                long done;
                String status = "";

                @Override
                public void advance(long units) {
                    done += units;
                    if (epochs && units > 0) {
                        long now = System.nanoTime();
                        epochTimes.add((now - (lastEpochEnd == 0 ? epochLoopStart : lastEpochEnd)) / 1e9);
                        lastEpochEnd = now;
                        long c = cpu();
                        epochCpu.add((c - lastCpu) / 1e9);
                        lastCpu = c;
                    }
                    if (total >= 10 && done % Math.max(1, total / 10) == 0 || done == total) {
                        System.err.printf(Locale.ROOT, "  %s: %d/%d %s, %.1f s, %s%n", task, done, total, unit, (System.nanoTime() - start) / 1e9, status);
                    }
                }

                @Override
                public void status(String text) {
                    status = text;
                }

                @Override
                public void close() {
                }
            };
        }
    }
}
