package dev.genlab.plugin.evaluation.bench;

import dev.genlab.plugin.datasets.AdultConfig;
import dev.genlab.plugin.datasets.AdultDataset;
import dev.genlab.spi.EvaluationInput;
import dev.genlab.spi.LoadedData;
import dev.genlab.spi.Metric;
import dev.genlab.spi.MetricResult;
import dev.genlab.spi.Table;
import dev.genlab.testkit.PluginHarness;
import dev.genlab.testkit.TestContexts;
import dev.genlab.runtime.plugin.PluginKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Times every metric of the module, with its default settings, on UCI Adult: the 32,561 training rows as real data,
 * the 16,281 official test rows as holdout, and 32,561 synthetic rows made by resampling the training rows and
 * giving 10% of the cells of every column another row's value. Prints one line per
 * metric and the total (wall-clock time, and the process's CPU time, which shows how busy the machine was); not a test.
 * Arguments name the metrics to run (default: all); {@code -Dbench.values=true} also prints every value.
 *
 * <pre>mvn -q -f plugins/evaluation/pom.xml test-compile exec:java -Dexec.mainClass=dev.genlab.plugin.evaluation.bench.EvaluationBench -Dexec.classpathScope=test</pre>
 */
public final class EvaluationBench {
    private static final List<String> METRICS = List.of("detection", "utility", "privacy", "diversity", "fairness");

    private EvaluationBench() {
    }

    public static void main(String[] args) throws Exception {
        List<String> metrics = args.length == 0 ? METRICS : List.of(args);
        LoadedData adult = new AdultDataset(new AdultConfig(AdultConfig.Part.TRAIN, List.of(), Optional.empty()))
                .load(TestContexts.dataset(Path.of(".")));
        Table train = adult.data().asTable();
        Table test = adult.test().orElseThrow().asTable();
        Table synthetic = perturbedCopy(train, new SplittableRandom(7));
        EvaluationInput input = new EvaluationInput(train, test, synthetic);
        System.out.printf(Locale.ROOT, "Adult: %d real train, %d holdout, %d synthetic rows; %d cores%n", train.rowCount(), test.rowCount(),
                synthetic.rowCount(), Runtime.getRuntime().availableProcessors());
        Path work = Files.createTempDirectory("genlab-bench");
        long total = 0;
        long totalCpu = 0;
        com.sun.management.OperatingSystemMXBean cpu = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        for (String name : metrics) {
            Metric metric = PluginHarness.create(PluginHarness.descriptor(PluginKind.METRIC, name), "", Metric.class);
            long start = System.nanoTime();
            long cpuStart = cpu.getProcessCpuTime();
            MetricResult result = metric.evaluate(input, TestContexts.training(42, work.resolve(name)));
            long elapsed = System.nanoTime() - start;
            long cpuTime = cpu.getProcessCpuTime() - cpuStart;
            total += elapsed;
            totalCpu += cpuTime;
            System.out.printf(Locale.ROOT, "%-10s %7.2f s wall %7.2f s cpu   %s = %.4f%n", name, elapsed / 1e9, cpuTime / 1e9, result.headline(),
                    result.get(result.headline()));
            if (Boolean.getBoolean("bench.values")) {
                result.values().forEach((k, v) -> System.out.printf(Locale.ROOT, "    %s.%s = %.4f%n", name, k, v));
            }
        }
        System.out.printf(Locale.ROOT, "%-10s %7.2f s wall %7.2f s cpu%n", "suite", total / 1e9, totalCpu / 1e9);
    }

    /** A resampled copy of {@code real} in which 10% of the cells of every column take another row's value. */
    static Table perturbedCopy(Table real, SplittableRandom random) {
        int n = real.rowCount();
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = random.nextInt(n);
        }
        Table resampled = real.rows(rows);
        List<Object> columns = new ArrayList<>();
        for (int c = 0; c < real.columnCount(); c++) {
            if (real.schema().column(c).isNumeric()) {
                double[] x = resampled.numericColumn(c);
                double[] source = x.clone();
                for (int i = 0; i < n; i++) {
                    if (random.nextDouble() < 0.1) {
                        x[i] = source[random.nextInt(n)];
                    }
                }
                columns.add(x);
            } else {
                int[] codes = resampled.codes(c);
                int[] source = codes.clone();
                for (int i = 0; i < n; i++) {
                    if (random.nextDouble() < 0.1) {
                        codes[i] = source[random.nextInt(n)];
                    }
                }
                columns.add(codes);
            }
        }
        return Table.of(real.schema(), columns);
    }

}
