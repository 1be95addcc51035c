package dev.genlab.plugin.deeptabular;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genlab.plugin.djl.nn.Gaussians;
import dev.genlab.spi.Table;
import dev.genlab.testkit.TestContexts;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ring of 8 Gaussians (radius 2, std 0.02): the GAN covers every mode. With WGAN-GP and mode-specific
 * normalisation (each coordinate is a 5-mode mixture the encoder finds, so the generator only has to pick
 * consistent modes) 80 epochs of 4000 points suffice; this setting covered all 8 modes with seeds 1, 2 and 3
 * (smallest mode 9.4% of samples, 2.5-3.3% far from every mode).
 */
class TestGanModeCoverage {
    static final String SETTINGS = "device = cpu, loss = wgan-gp, numeric-encoding = mode-specific, epochs = 80, batch-size = 256, "
            + "latent-dim = 8, generator-dims = [128, 128], discriminator-dims = [128, 128], learning-rate = 1e-3";
    /** A point farther than this from every centre (12.5 std, 1/6 of the distance between neighbours) is "far". */
    static final double FAR = 0.25;

    @Test
    void ganCoversAllEightModes(@TempDir Path work) throws Exception {
        EightGaussiansConfig ring = new EightGaussiansConfig(4000, 8, 2, 0.02, 0);
        Table train = EightGaussiansDataset.table(ring);
        Table sample = TestDeepModels.model("gan", SETTINGS).fit(train, TestContexts.training(1, work)).sample(2000, 3).asTable();
        int[] counts = new int[8];
        int far = 0;
        for (int i = 0; i < sample.rowCount(); i++) {
            int best = 0;
            double bestDistance = Double.POSITIVE_INFINITY;
            for (int k = 0; k < 8; k++) {
                double[] c = EightGaussiansDataset.centre(ring, k);
                double d = Math.hypot(sample.numeric(0, i) - c[0], sample.numeric(1, i) - c[1]);
                if (d < bestDistance) {
                    bestDistance = d;
                    best = k;
                }
            }
            if (bestDistance > FAR) {
                far++;
            } else {
                counts[best]++;
            }
        }
        String report = "counts per mode " + Arrays.toString(counts) + ", far " + far + " of " + sample.rowCount();
        for (int count : counts) {
            assertTrue(count >= 0.05 * sample.rowCount(), "every mode gets at least 5%: " + report);
        }
        assertTrue(far < 0.05 * sample.rowCount(), "fewer than 5% far from every mode: " + report);
    }
}
