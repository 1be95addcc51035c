package dev.genlab.plugin.fidelity;


import dev.genlab.plugin.fidelity.FidelityConfig.Correlation;
import dev.genlab.spi.Table;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/** An Adult-sized comparison (32 561 x 15 against as many synthetic rows) must take well under a second. */
/**
 * Benchmark, not a test: prints the time of the fidelity metric on an Adult-sized pair (32,561 x 15 each).
 * Run: mvn -q -f plugins/fidelity/pom.xml test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.genlab.plugin.fidelity.FidelityBench
 */
public final class FidelityBench {
    private FidelityBench() {
    }

    public static void main(String[] args) throws java.io.IOException {
        Path directory = java.nio.file.Files.createTempDirectory("fidelity-bench");
        Table real = SyntheticTables.adultLike(32_561, new SplittableRandom(1));
        Table synthetic = SyntheticTables.adultLike(32_561, new SplittableRandom(2));
        for (Correlation correlation : Correlation.values()) {
            FidelityConfig config = new FidelityConfig(correlation, 10);
            for (int warmUp = 0; warmUp < 3; warmUp++) {
                Evaluations.evaluate(config, real.head(5000), synthetic.head(5000), directory.resolve("warm-up"));
            }
            double[] seconds = new double[5];
            double overall = Double.NaN;
            for (int run = 0; run < seconds.length; run++) {
                long start = System.nanoTime();
                overall = Evaluations.evaluate(config, real, synthetic, directory.resolve(correlation.name())).result().get("overall");
                seconds[run] = (System.nanoTime() - start) / 1e9;
            }
            Arrays.sort(seconds);
            System.out.printf("fidelity 32561x15 vs 32561x15, %s, %d cores: fastest %.0f ms, median %.0f ms (overall %.4f)%n",
                    correlation.name().toLowerCase(Locale.ROOT), Runtime.getRuntime().availableProcessors(),
                    seconds[0] * 1000, seconds[seconds.length / 2] * 1000, overall);
        }
    }
}
