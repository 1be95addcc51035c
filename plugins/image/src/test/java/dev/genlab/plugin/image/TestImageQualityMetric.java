package dev.genlab.plugin.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genlab.spi.EvaluationInput;
import dev.genlab.spi.ImageShape;
import dev.genlab.spi.MetricResult;
import dev.genlab.spi.Schema;
import dev.genlab.spi.Table;
import dev.genlab.testkit.MetricPluginContract;
import dev.genlab.testkit.TestContexts;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** image-quality on the real digits: the references bracket the scale, and known synthetic sets give known values. */
class TestImageQualityMetric {
    private static final Table TRAIN = DigitsFixture.TRAIN;
    private static final Table TEST = DigitsFixture.TEST;
    /** Fewer epochs where the test is not about the classifier's accuracy, to keep the suite fast. */
    private static final ImageQualityConfig QUICK = new ImageQualityConfig(2000, 5, 0.02, 10, 0);

    @TempDir
    Path directory;

    @Test
    void realTestImagesAsSyntheticScoreLikeAPerfectCopy() {
        MetricResult r = ImageQuality.evaluate(TRAIN, TEST, TEST, 42);
        assertEquals(0, r.get("frechet"), 1e-9, "the test images against themselves");
        assertEquals(0, r.get("frechet-ratio"), 1e-9, "no distance on the noise scale either");
        assertEquals(1, r.get("precision"));
        assertEquals(1, r.get("recall"));
        assertEquals(1, r.get("density"));
        assertEquals(1, r.get("coverage"));
        assertEquals(1, r.get("class-coverage"));
        assertTrue(r.get("classifier-accuracy") > 0.95, "the MLP classifies held-out digits: " + r.get("classifier-accuracy"));
        assertTrue(r.get("class-tv") < 0.1, "test predictions spread like the train labels: " + r.get("class-tv"));
        assertTrue(r.get("frechet-train") < 0.05 * r.get("frechet-noise"),
                "train vs test " + r.get("frechet-train") + " far below noise vs test " + r.get("frechet-noise"));
        assertEquals(TEST.rowCount(), r.get("test_rows"));
        assertEquals("frechet", new MetricResult(r.values(), "frechet").headline());
    }

    @Test
    void trainImagesAsSyntheticScoreTheTrainReference() {
        MetricResult r = ImageQuality.evaluate(TRAIN, TEST, TRAIN, 42, QUICK);
        assertEquals(r.get("frechet-train"), r.get("frechet"), 1e-9 * r.get("frechet-train"));
        assertTrue(r.get("frechet") > 0);
        assertTrue(r.get("coverage") > 0.95, "train images cover the test images: " + r.get("coverage"));
        assertEquals(0, r.get("class-tv"), 0.01, "train images are classified (almost) as labelled");
    }

    @Test
    void oneClassOfSamplesCoversOneClassInTen() {
        int label = TRAIN.schema().requireIndex("label");
        int[] zeros = IntStream.range(0, TRAIN.rowCount()).filter(r -> TRAIN.code(label, r) == 0).toArray();
        MetricResult r = ImageQuality.evaluate(TRAIN, TEST, TRAIN.rows(zeros), 42, QUICK);
        assertEquals(0.1, r.get("class-coverage"), 1e-12);
        double zeroShare = (double) DigitsFixture.TRAIN.rows(zeros).rowCount() / TRAIN.rowCount();
        assertEquals(1 - zeroShare, r.get("class-tv"), 0.01, "all mass on one class");
        assertTrue(r.get("coverage") < 0.2, "zeros cover few of the test digits: " + r.get("coverage"));
        assertTrue(r.get("frechet") > 10 * r.get("frechet-train"));
    }

    @Test
    void noiseScoresLikeTheNoiseReferenceAndGridsAreWritten() throws Exception {
        double[][] noise = ImageQualityMetric.noise(500, 64, 0, 16, new SplittableRandom(99));
        Table synthetic = ImagePixels.table(Schema.of(TRAIN.schema().columns().subList(0, 64)).withImageShape(new ImageShape(8, 8, 1)), noise, null);
        ImageQualityConfig config = new ImageQualityConfig(2000, 5, 0.02, 10, 20);
        var context = TestContexts.training(42, directory);
        MetricResult r = new ImageQualityMetric(config).evaluate(new EvaluationInput(TRAIN, TEST, synthetic), context);
        assertEquals(r.get("frechet-noise"), r.get("frechet"), 0.1 * r.get("frechet-noise"), "fresh noise scores like the noise reference");
        assertEquals(1, r.get("frechet-ratio"), 0.1, "fresh noise is 1 on the noise scale");
        assertEquals(r.get("frechet") / r.get("frechet-noise"), r.get("frechet-ratio"), 1e-12);
        assertTrue(r.get("precision") < 0.2, "noise is not in the real manifold: " + r.get("precision"));

        BufferedImage samples = ImageIO.read(directory.resolve("artifacts/image-quality/samples.png").toFile());
        int cell = 8 * 4 + ImageGrids.GAP;
        assertEquals(ImageGrids.GAP + 8 * cell, samples.getWidth(), "8 columns");
        assertEquals(ImageGrids.GAP + 3 * cell, samples.getHeight(), "20 images in 3 rows");
        assertTrue(ImageIO.read(directory.resolve("artifacts/image-quality/real.png").toFile()) != null);
    }

    @Test
    void sameSeedSameNumbersOtherSeedOtherClassifier() {
        ImageQualityConfig small = new ImageQualityConfig(400, 5, 0.02, 3, 0);
        Table synthetic = TEST.head(300);
        MetricResult a = ImageQuality.evaluate(TRAIN, TEST, synthetic, 7, small);
        MetricResult b = ImageQuality.evaluate(TRAIN, TEST, synthetic, 7, small);
        MetricResult c = ImageQuality.evaluate(TRAIN, TEST, synthetic, 8, small);
        assertEquals(a.values(), b.values());
        assertNotEquals(a.get("frechet"), c.get("frechet"));
        assertEquals(400, a.get("train_rows"), "subsampled to max-images");
    }

    @Test
    void withoutLabelsRandomProjectionFeaturesAndNaNClassValues() {
        Table train = TRAIN.withSchema(TRAIN.schema().withTarget(null));
        Table test = TEST.withSchema(TEST.schema().withTarget(null));
        MetricResult r = ImageQuality.evaluate(train, test, test, 42);
        assertEquals(0, r.get("frechet"), 1e-9);
        assertTrue(r.get("frechet-train") < 0.05 * r.get("frechet-noise"), r.values().toString());
        assertTrue(Double.isNaN(r.get("classifier-accuracy")));
        assertTrue(Double.isNaN(r.get("class-coverage")));
        assertTrue(Double.isNaN(r.get("class-tv")));
        MetricPluginContract.assertDeclared(new ImageQualityMetricPlugin(), r);
    }

    @Test
    void noSyntheticImagesGiveNaN() {
        MetricResult r = ImageQuality.evaluate(TRAIN, TEST, TEST.head(0), 42, new ImageQualityConfig(300, 5, 0.02, 1, 0));
        assertTrue(Double.isNaN(r.get("frechet")) && Double.isNaN(r.get("coverage")) && Double.isNaN(r.get("class-tv")));
        assertEquals(0, r.get("synthetic_rows"));
    }

    @Test
    void wrongShapeAndMissingPixelsAreClearErrors() {
        Table other = TEST.withSchema(TEST.schema().withImageShape(new ImageShape(4, 16, 1)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImageQuality.evaluate(TRAIN, TEST, other, 1));
        assertEquals("image-quality: the synthetic images have shape 4x16x1 but the train images 8x8x1", e.getMessage());

        double[][] images = ImagePixels.images(TEST.head(3));
        images[2][5] = Double.NaN;
        Table broken = ImagePixels.table(TEST.schema(), images, TEST.head(3).codes("label"));
        e = assertThrows(IllegalArgumentException.class, () -> ImageQuality.evaluate(TRAIN, TEST, broken, 1));
        assertEquals("image-quality: synthetic image 2 has a missing or infinite pixel (NaN); the metric needs complete images", e.getMessage());
    }

    @Test
    void frechetRatioByHand() {
        assertEquals(0.25, ImageQualityMetric.frechetRatio(3, 12), 1e-15);
        assertEquals(0, ImageQualityMetric.frechetRatio(0, 12));
        assertTrue(Double.isNaN(ImageQualityMetric.frechetRatio(3, 0)), "no noise scale");
        assertTrue(Double.isNaN(ImageQualityMetric.frechetRatio(3, Double.NaN)));
    }

    @Test
    void classCoverageAndTotalVariationByHand() {
        double[] real = {0.5, 0.3, 0.2, 0};
        double[] synthetic = {0.7, 0.29, 0.01, 0};
        assertEquals(2.0 / 3, ImageQualityMetric.classCoverage(real, synthetic, 0.02), 1e-12);
        assertEquals(0.2, ImageQualityMetric.totalVariation(real, synthetic), 1e-12);
        assertEquals(Arrays.toString(new double[] {0.5, 0, 0.5}), Arrays.toString(ImageQualityMetric.shares(new int[] {0, 2, -1}, 3)));
    }
}
