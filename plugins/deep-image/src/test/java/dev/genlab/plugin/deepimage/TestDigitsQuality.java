package dev.genlab.plugin.deepimage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genlab.plugin.image.ImagePixels;
import dev.genlab.plugin.image.ImageQuality;
import dev.genlab.runtime.plugin.PluginKind;
import dev.genlab.spi.FittedModel;
import dev.genlab.spi.GenerativeModel;
import dev.genlab.spi.MetricResult;
import dev.genlab.spi.Table;
import dev.genlab.testkit.PluginHarness;
import dev.genlab.testkit.TestContexts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * After a short training on 80 % of the digits, each model's Fréchet distance to the held-out 20 % (in the
 * image-quality metric's classifier feature space) is far below that of uniform noise images. Measured with these
 * settings (seed 42): vae 22.7, dcgan ≈ 15, image-ddpm 14.4, noise 94.1, real train vs test 1.4.
 */
class TestDigitsQuality {
    @TempDir
    static Path work;

    static Table train;
    static Table test;

    @BeforeAll
    static void split() {
        Table[] parts = Digits.split(0.2, 42);
        train = parts[0];
        test = parts[1];
    }

    private static FittedModel fit(String model, String settings) throws Exception {
        GenerativeModel m = PluginHarness.create(PluginHarness.descriptor(PluginKind.MODEL, model), "device = cpu\n" + settings, GenerativeModel.class);
        return m.fit(train, TestContexts.training(42, Files.createDirectories(work.resolve(model))));
    }

    private static MetricResult quality(FittedModel fitted) {
        return ImageQuality.evaluate(train, test, fitted.sample(test.rowCount(), 7).asTable(), 42);
    }

    private static MetricResult quality(String model, String settings) throws Exception {
        return quality(fit(model, settings));
    }

    /** Mean image of each label level (rows with that label). */
    private static double[][] classMeans(Table table) {
        double[][] images = ImagePixels.images(table);
        int[] labels = table.codes("label");
        double[][] means = new double[10][64];
        int[] counts = new int[10];
        for (int r = 0; r < images.length; r++) {
            counts[labels[r]]++;
            for (int p = 0; p < 64; p++) {
                means[labels[r]][p] += images[r][p];
            }
        }
        for (int k = 0; k < 10; k++) {
            for (int p = 0; p < 64; p++) {
                means[k][p] /= counts[k];
            }
        }
        return means;
    }

    private static void assertFarBelowNoise(String model, MetricResult q, double share) {
        String text = model + ": " + Map.of("frechet", q.get("frechet"), "frechet-noise", q.get("frechet-noise"), "frechet-train", q.get("frechet-train"));
        assertTrue(q.get("frechet") < share * q.get("frechet-noise"), text);
        assertTrue(q.get("frechet") > q.get("frechet-train"), "no model beats real held-out data: " + text);
        assertTrue(q.get("class-coverage") >= 0.9, "every digit is generated: " + q.values());
    }

    /** Also: images sampled under {@code label = k} look most like the real k's (nearest class-mean image). */
    @Test
    void vaeAfterTenEpochs() throws Exception {
        FittedModel vae = fit("vae", "epochs = 10");
        assertFarBelowNoise("vae", quality(vae), 0.35);
        double[][] real = classMeans(train);
        for (int k = 0; k < 10; k++) {
            double[][] fake = classMeans(vae.sample(40, k, Map.of("label", Integer.toString(k))).asTable());
            int nearest = -1;
            double best = Double.POSITIVE_INFINITY;
            for (int j = 0; j < 10; j++) {
                double d = 0;
                for (int p = 0; p < 64; p++) {
                    d += (fake[k][p] - real[j][p]) * (fake[k][p] - real[j][p]);
                }
                if (d < best) {
                    best = d;
                    nearest = j;
                }
            }
            assertEquals(k, nearest, "samples conditioned on " + k + " are nearest to the real " + nearest + "s");
        }
    }

    /**
     * 20 epochs: after 12 (the setting until 2026-12-07) one seed's dcgan drew 8 of the 10 digits on an AVX-512 machine
     * (class coverage 0.8, Fréchet 25.6) and all 10 on the machines before — a GAN that young sits on the edge of
     * collapse, and the CPU's rounding decided which side. After 20 on the AVX-512 machine: all 10 digits, Fréchet 8.3
     * against 94 for noise, class total variation 0.065 (16 epochs: all 10, but 0.18).
     */
    @Test
    void dcganAfterTwentyEpochs() throws Exception {
        assertFarBelowNoise("dcgan", quality("dcgan", "epochs = 20, batch-size = 32, generator-channels = 16, discriminator-channels = 16, grid-every = 0"), 0.5);
    }

    @Test
    void ddpmAfterTenEpochs() throws Exception {
        assertFarBelowNoise("image-ddpm", quality("image-ddpm", "epochs = 10, steps = 100"), 0.35);
    }
}
