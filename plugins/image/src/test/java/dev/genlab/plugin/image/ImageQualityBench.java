package dev.genlab.plugin.image;

import dev.genlab.spi.ImageShape;
import dev.genlab.spi.MetricResult;
import dev.genlab.spi.Schema;
import dev.genlab.spi.Table;
import dev.genlab.testkit.TestContexts;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * The figures in the module README: image-quality with its defaults on the digits (the fixed 70/30 split of
 * {@link DigitsFixture}) for known synthetic sets, over seeds 1..3, with wall-clock time per evaluation; not a test.
 *
 * <pre>mvn -q -o -f plugins/image/pom.xml test-compile exec:java -Dexec.mainClass=dev.genlab.plugin.image.ImageQualityBench -Dexec.classpathScope=test</pre>
 */
public final class ImageQualityBench {
    private ImageQualityBench() {
    }

    public static void main(String[] args) throws Exception {
        Table train = DigitsFixture.TRAIN;
        Table test = DigitsFixture.TEST;
        int label = train.schema().requireIndex("label");
        Map<String, Table> sets = new LinkedHashMap<>();
        sets.put("real test images", test);
        sets.put("real train images", train);
        var fitted = new PixelMarginalsModel().fit(train, TestContexts.training(1, Files.createTempDirectory("bench")));
        sets.put("pixel-marginals, 539", fitted.sample(test.rowCount(), 1).asTable());
        sets.put("train zeros only", train.rows(IntStream.range(0, train.rowCount()).filter(r -> train.code(label, r) == 0).toArray()));
        double[][] noise = ImageQualityMetric.noise(test.rowCount(), 64, 0, 16, new SplittableRandom(99));
        sets.put("uniform noise, 539", ImagePixels.table(Schema.of(train.schema().columns().subList(0, 64))
                .withImageShape(new ImageShape(8, 8, 1)), noise, null));
        String[] keys = {"frechet", "frechet-train", "frechet-noise", "precision", "recall", "density", "coverage",
                "classifier-accuracy", "class-coverage", "class-tv"};
        System.out.print("| synthetic | seed |");
        for (String k : keys) {
            System.out.print(" " + k + " |");
        }
        System.out.println(" seconds |");
        for (var set : sets.entrySet()) {
            for (long seed = 1; seed <= 3; seed++) {
                long start = System.nanoTime();
                MetricResult r = ImageQuality.evaluate(train, test, set.getValue(), seed);
                double seconds = (System.nanoTime() - start) / 1e9;
                StringBuilder line = new StringBuilder("| " + set.getKey() + " | " + seed + " |");
                for (String k : keys) {
                    line.append(String.format(Locale.ROOT, " %.3f |", r.get(k)));
                }
                line.append(String.format(Locale.ROOT, " %.1f |", seconds));
                System.out.println(line);
            }
        }
    }
}
