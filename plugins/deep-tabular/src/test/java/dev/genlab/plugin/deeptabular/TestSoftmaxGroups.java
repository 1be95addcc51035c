package dev.genlab.plugin.deeptabular;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.genlab.plugin.djl.DeviceChoice;
import dev.genlab.plugin.djl.DjlEngine;
import dev.genlab.plugin.djl.tabular.Span;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The grouped soft-max against the same arithmetic block by block (what the models did before, and the reference does). */
class TestSoftmaxGroups {
    private static final int ROWS = 7;
    /** Value columns (tanh; the one at index 9 linear), blocks of widths that fall in several groups (1 and 2, 3-4, 5-8, 9-16, 42). */
    private static final int[] WIDTHS = {1, 3, 2, 9, 1, 5, 42, 4, 16, 1, 8, 2};

    /** The spans of {@link #WIDTHS} laid out one after another (also used by {@code TestTvaeReconstruction}). */
    static List<Span> spans() {
        List<Span> spans = new ArrayList<>();
        int at = 0;
        for (int i = 0; i < WIDTHS.length; i++) {
            boolean value = WIDTHS[i] == 1 && i % 3 == 0;
            Span.Activation valueActivation = i == 9 ? Span.Activation.LINEAR : Span.Activation.TANH;
            spans.add(new Span(i, at, WIDTHS[i], value ? valueActivation : Span.Activation.SOFTMAX,
                    value ? Span.Role.VALUE : Span.Role.CATEGORY));
            at += WIDTHS[i];
        }
        return spans;
    }

    private static float[] randoms(SplittableRandom r, int n, double scale) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) ((r.nextDouble() * 2 - 1) * scale);
        }
        return v;
    }

    @Test
    void crossEntropyAndItsGradientMatchBlockByBlock() {
        List<Span> spans = spans();
        List<Span> blocks = spans.stream().filter(s -> s.activation() == Span.Activation.SOFTMAX).toList();
        int width = spans.get(spans.size() - 1).end();
        SplittableRandom r = new SplittableRandom(1);
        float[] logits = randoms(r, ROWS * width, 30);
        for (boolean packed : new boolean[] {false, true}) {
            int targetWidth = packed ? blocks.stream().mapToInt(Span::width).sum() : width;
            float[] target = new float[ROWS * targetWidth];
            for (int row = 0; row < ROWS; row++) {
                int packedAt = 0;
                for (Span s : blocks) {
                    // one-hot in most blocks; an all-zero block (ctgan's condition names one column only) now and then
                    if (r.nextInt(4) > 0) {
                        target[row * targetWidth + (packed ? packedAt : s.start()) + r.nextInt(s.width())] = 1;
                    }
                    packedAt += s.width();
                }
            }
            try (NDManager m = DjlEngine.newManager(DjlEngine.device(DeviceChoice.CPU))) {
                SoftmaxGroups groups = new SoftmaxGroups(blocks, packed, m);
                NDArray t = m.create(target, new Shape(ROWS, targetWidth));
                NDArray a = m.create(logits, new Shape(ROWS, width));
                a.setRequiresGradient(true);
                float grouped;
                float[] groupedGradient;
                try (GradientCollector c = DjlEngine.engine().newGradientCollector()) {
                    NDArray loss = groups.crossEntropy(a, t);
                    c.backward(loss);
                    grouped = loss.getFloat();
                }
                groupedGradient = a.getGradient().toFloatArray();
                NDArray b = m.create(logits, new Shape(ROWS, width));
                b.setRequiresGradient(true);
                float byBlock;
                try (GradientCollector c = DjlEngine.engine().newGradientCollector()) {
                    NDArray total = null;
                    int packedAt = 0;
                    for (Span s : blocks) {
                        int from = packed ? packedAt : s.start();
                        NDArray ce = b.get(":, " + s.start() + ":" + s.end()).logSoftmax(-1).mul(t.get(":, " + from + ":" + (from + s.width()))).sum().neg();
                        total = total == null ? ce : total.add(ce);
                        packedAt += s.width();
                    }
                    c.backward(total);
                    byBlock = total.getFloat();
                }
                float[] byBlockGradient = b.getGradient().toFloatArray();
                assertEquals(byBlock, grouped, Math.abs(byBlock) * 1e-6, "cross-entropy, packed targets " + packed);
                for (int i = 0; i < byBlockGradient.length; i++) {
                    assertEquals(byBlockGradient[i], groupedGradient[i], 1e-6, "gradient of logit " + i + ", packed targets " + packed);
                }
                // the same loss from the targets' positions, over rows taken in a shuffled order that wraps around
                int[] positions = groups.targetPositions(target, ROWS, targetWidth);
                assertNotNull(positions, "0/1 targets have positions");
                int[] order = {3, 6, 0, 5, 1, 4, 2};
                int from = 4;
                float[] picked = new float[ROWS * width];
                for (int i = 0; i < ROWS; i++) {
                    System.arraycopy(logits, order[(from + i) % ROWS] * width, picked, i * width, width);
                }
                NDArray c = m.create(picked, new Shape(ROWS, width));
                c.setRequiresGradient(true);
                float atPositions;
                try (GradientCollector collector = DjlEngine.engine().newGradientCollector()) {
                    NDArray loss = groups.crossEntropyAt(c, groups.picks(positions, order, from, ROWS));
                    collector.backward(loss);
                    atPositions = loss.getFloat();
                }
                assertEquals(byBlock, atPositions, Math.abs(byBlock) * 1e-6, "cross-entropy at positions, packed targets " + packed);
                float[] pickedGradient = c.getGradient().toFloatArray();
                for (int i = 0; i < ROWS; i++) {
                    for (int j = 0; j < width; j++) {
                        assertEquals(byBlockGradient[order[(from + i) % ROWS] * width + j], pickedGradient[i * width + j], 1e-6,
                                "gradient at positions, row " + i + " column " + j + ", packed targets " + packed);
                    }
                }
            }
        }
    }

    /**
     * crossEntropyAt's gather saves its index for the backward pass: the gradient must not change when the garbage
     * collector runs between the forward and the backward pass and the freed memory of closed direct buffers is
     * reused (the index used to be closed right after the gather: NDManager.create's memory is such a buffer).
     */
    @Test
    void crossEntropyAtsGradientSurvivesAGarbageCollection() throws Exception {
        List<Span> blocks = spans().stream().filter(s -> s.activation() == Span.Activation.SOFTMAX).toList();
        int width = spans().get(spans().size() - 1).end();
        float[] logits = randoms(new SplittableRandom(3), ROWS * width, 5);
        float[] target = new float[ROWS * width];
        SplittableRandom r = new SplittableRandom(4);
        for (int row = 0; row < ROWS; row++) {
            for (Span s : blocks) {
                target[row * width + s.start() + r.nextInt(s.width())] = 1;
            }
        }
        for (int attempt = 0; attempt < 5; attempt++) {
            try (NDManager m = DjlEngine.newManager(DjlEngine.device(DeviceChoice.CPU))) {
                SoftmaxGroups groups = new SoftmaxGroups(blocks, false, m);
                long[] picks = groups.picks(groups.targetPositions(target, ROWS, width), null, 0, ROWS);
                float[][] gradients = new float[2][];
                for (int run = 0; run < 2; run++) {
                    try (NDManager step = m.newSubManager()) {
                        NDArray a = step.create(logits, new Shape(ROWS, width));
                        a.setRequiresGradient(true);
                        try (GradientCollector c = DjlEngine.engine().newGradientCollector()) {
                            NDArray loss = groups.crossEntropyAt(a, picks);
                            List<ByteBuffer> refill = new ArrayList<>();
                            if (run == 1) {
                                for (int k = 0; k < 3; k++) {
                                    System.gc();
                                    Thread.sleep(20);
                                }
                                for (int k = 0; k < 5_000; k++) {
                                    // zeros where an index was: every pick would go to position 0
                                    refill.add(ByteBuffer.allocateDirect(picks.length * Long.BYTES));
                                }
                            }
                            c.backward(loss);
                            refill.clear();
                        }
                        gradients[run] = a.getGradient().toFloatArray();
                    }
                }
                for (int i = 0; i < gradients[0].length; i++) {
                    assertEquals(gradients[0][i], gradients[1][i], "gradient of logit " + i + " after a collection, attempt " + (attempt + 1));
                }
            }
        }
    }

    @Test
    void targetsThatAreNotOneHotHaveNoPositions() {
        List<Span> blocks = spans().stream().filter(sp -> sp.activation() == Span.Activation.SOFTMAX).toList();
        int width = spans().get(spans().size() - 1).end();
        try (NDManager m = DjlEngine.newManager(DjlEngine.device(DeviceChoice.CPU))) {
            SoftmaxGroups groups = new SoftmaxGroups(blocks, false, m);
            float[] soft = new float[width];
            soft[blocks.get(0).start()] = 0.5f;
            assertNull(groups.targetPositions(soft, 1, width), "a weight of 0.5");
            float[] twoHot = new float[width];
            twoHot[blocks.get(0).start()] = 1;
            twoHot[blocks.get(0).start() + 1] = 1;
            assertNull(groups.targetPositions(twoHot, 1, width), "two 1s in one block");
        }
    }

    /**
     * Gumbel-softmax draws: the arg-max of each block's activated values is a draw from the block's soft-max (the
     * Gumbel-max trick holds at any temperature), so over many rows each category's share must match its
     * probability. Catches noise put on the wrong columns, shared between columns or rows, or missing.
     */
    @Test
    void gumbelSoftmaxArgMaxFollowsEachBlocksSoftMax() {
        double[][] probabilities = {{0.2, 0.3, 0.5}, {0.05, 0.1, 0.15, 0.2, 0.5}};
        List<Span> spans = new ArrayList<>();
        int width = 0;
        for (int b = 0; b < probabilities.length; b++) {
            spans.add(new Span(b, width, probabilities[b].length, Span.Activation.SOFTMAX, Span.Role.CATEGORY));
            width += probabilities[b].length;
        }
        int rows = 20_000;
        float[] raw = new float[rows * width];
        for (int row = 0; row < rows; row++) {
            int at = row * width;
            for (double[] p : probabilities) {
                for (double v : p) {
                    raw[at++] = (float) Math.log(v) + 3; // a shift changes no soft-max
                }
            }
        }
        try (NDManager m = DjlEngine.newManager(DjlEngine.device(DeviceChoice.CPU))) {
            DjlEngine.seed(11);
            float[] out = new OutputLayer(spans, m).activate(m.create(raw, new Shape(rows, width)), 0.2).toFloatArray();
            for (int b = 0; b < probabilities.length; b++) {
                Span s = spans.get(b);
                int[] wins = new int[s.width()];
                for (int row = 0; row < rows; row++) {
                    int best = 0;
                    double sum = 0;
                    for (int j = 0; j < s.width(); j++) {
                        float v = out[row * width + s.start() + j];
                        sum += v;
                        if (v > out[row * width + s.start() + best]) {
                            best = j;
                        }
                    }
                    assertEquals(1, sum, 1e-5, "a distribution at row " + row);
                    wins[best]++;
                }
                for (int j = 0; j < s.width(); j++) {
                    // 20,000 draws: the standard error of a share is at most 0.0035
                    assertEquals(probabilities[b][j], wins[j] / (double) rows, 0.015, "block " + b + ", category " + j);
                }
            }
        }
    }

    @Test
    void blocksArePaddedToAPowerOfTwoAtLeastSixteenWide() {
        assertEquals(16, SoftmaxGroups.paddedWidth(1));
        assertEquals(16, SoftmaxGroups.paddedWidth(2));
        assertEquals(16, SoftmaxGroups.paddedWidth(8));
        assertEquals(16, SoftmaxGroups.paddedWidth(16));
        assertEquals(32, SoftmaxGroups.paddedWidth(17));
        assertEquals(64, SoftmaxGroups.paddedWidth(42));
    }

    @Test
    void activationMatchesBlockByBlock() {
        List<Span> spans = spans();
        int width = spans.get(spans.size() - 1).end();
        float[] raw = randoms(new SplittableRandom(2), ROWS * width, 8);
        try (NDManager m = DjlEngine.newManager(DjlEngine.device(DeviceChoice.CPU))) {
            float[] grouped = new OutputLayer(spans, m).activate(m.create(raw, new Shape(ROWS, width)), 0).toFloatArray();
            for (int row = 0; row < ROWS; row++) {
                for (Span s : spans) {
                    int base = row * width + s.start();
                    if (s.activation() == Span.Activation.LINEAR) {
                        assertEquals(raw[base], grouped[base], 0, "linear at row " + row + ", " + s);
                        continue;
                    }
                    if (s.activation() == Span.Activation.TANH) {
                        assertEquals(Math.tanh(raw[base]), grouped[base], 1e-6, "tanh at row " + row + ", " + s);
                        continue;
                    }
                    double max = Double.NEGATIVE_INFINITY;
                    for (int j = 0; j < s.width(); j++) {
                        max = Math.max(max, raw[base + j]);
                    }
                    double sum = 0;
                    for (int j = 0; j < s.width(); j++) {
                        sum += Math.exp(raw[base + j] - max);
                    }
                    for (int j = 0; j < s.width(); j++) {
                        assertEquals(Math.exp(raw[base + j] - max) / sum, grouped[base + j], 1e-6, "softmax at row " + row + ", " + s + ", slot " + j);
                    }
                }
            }
        }
    }
}
