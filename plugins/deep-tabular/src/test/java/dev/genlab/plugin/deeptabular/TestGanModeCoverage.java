package dev.genlab.plugin.deeptabular;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genlab.runtime.Genlab;
import dev.genlab.runtime.run.PreparedRun;
import dev.genlab.runtime.run.RunListener;
import dev.genlab.runtime.run.RunOutcome;
import dev.genlab.runtime.tracking.RunStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped {@code experiments/toy-8gaussians-gan.conf}, run as {@code genlab run} runs it (its dataset, split,
 * seed, model block and sample size; only the metrics are left out, their plugins are not on this module's
 * classpath): the GAN covers every mode of the ring, each about as wide as the data's. The settings live in that
 * file alone.
 */
class TestGanModeCoverage {
    static final Path EXPERIMENT = Path.of("../../experiments/toy-8gaussians-gan.conf");
    /** A point farther than this from every centre (12.5 std, 1/6 of the distance between neighbours) is "far". */
    static final double FAR = 0.25;

    @Test
    void theShippedToyExperimentCoversAllEightModes(@TempDir Path work) throws Exception {
        Genlab genlab = Genlab.discover(List.of());
        PreparedRun prepared = genlab.prepare(EXPERIMENT, List.of("metrics = []"), RunListener.SILENT);
        assertEquals("gan", prepared.experiment().model().type());
        RunOutcome outcome = genlab.run(prepared, work, List.of(), RunListener.SILENT, new AtomicBoolean());
        assertEquals(RunStatus.FINISHED, outcome.status(), outcome.error());
        EightGaussiansConfig ring = (EightGaussiansConfig) prepared.experiment().dataset().config();
        assertEquals(8, ring.modes(), "the shipped ring has 8 modes");
        List<String> lines = Files.readAllLines(outcome.directory().resolve("artifacts/synthetic.csv"));
        assertEquals("x,y", lines.get(0));
        int n = lines.size() - 1;
        assertEquals(prepared.experiment().settings().sample().rows().orElseThrow(), n);
        int[] counts = new int[ring.modes()];
        int far = 0;
        double dx2 = 0;
        double dy2 = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] xy = line.split(",");
            double x = Double.parseDouble(xy[0]);
            double y = Double.parseDouble(xy[1]);
            int best = 0;
            double bestDistance = Double.POSITIVE_INFINITY;
            for (int k = 0; k < ring.modes(); k++) {
                double[] c = EightGaussiansDataset.centre(ring, k);
                double d = Math.hypot(x - c[0], y - c[1]);
                if (d < bestDistance) {
                    bestDistance = d;
                    best = k;
                }
            }
            if (bestDistance > FAR) {
                far++;
            } else {
                counts[best]++;
                double[] c = EightGaussiansDataset.centre(ring, best);
                dx2 += (x - c[0]) * (x - c[0]);
                dy2 += (y - c[1]) * (y - c[1]);
            }
        }
        String report = "counts per mode " + Arrays.toString(counts) + ", far " + far + " of " + n;
        for (int count : counts) {
            assertTrue(count >= 0.05 * n, "every mode gets at least 5%: " + report);
        }
        assertTrue(far < 0.05 * n, "fewer than 5% far from every mode: " + report);
        // each mode as wide as the data's: a generator that covers the modes with points, or with smears, fails
        // (the file's earlier setting, learning rate 1e-3 for 80 epochs, gave 0.013 across and 0.045 along y)
        int near = n - far;
        double sx = Math.sqrt(dx2 / near);
        double sy = Math.sqrt(dy2 / near);
        String spread = String.format(java.util.Locale.ROOT, "spread around the centres x %.4f, y %.4f, the ring's std %.4f", sx, sy, ring.std());
        for (double s : new double[] {sx, sy}) {
            assertTrue(s > 0.6 * ring.std() && s < 1.4 * ring.std(), "within 40% of the ring's std: " + spread);
        }
    }
}
