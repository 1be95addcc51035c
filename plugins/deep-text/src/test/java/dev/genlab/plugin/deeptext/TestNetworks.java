package dev.genlab.plugin.deeptext;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.genlab.plugin.djl.DeviceChoice;
import dev.genlab.plugin.djl.DjlEngine;
import dev.genlab.plugin.djl.nn.ParameterSet;
import dev.genlab.plugin.djl.nn.Weights;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Known answers for the networks and the numerics around them. */
class TestNetworks {
    private NDManager manager;

    @BeforeEach
    void open() {
        manager = DjlEngine.newManager(DjlEngine.device(DeviceChoice.CPU));
    }

    @AfterEach
    void close() {
        manager.close();
    }

    /**
     * The fused recurrent op (two layers, all time steps in one call) gives the logits of the textbook equations
     * (PyTorch's documented LSTM and GRU cells), computed here in double precision from the same weights.
     */
    @ParameterizedTest
    @EnumSource(RnnCell.class)
    void fusedRecurrentLayersComputeTheCellEquations(RnnCell cell) {
        int v = 6;
        int e = 3;
        int h = 4;
        int layers = 2;
        ParameterSet params = new ParameterSet(manager);
        CharRnnNetwork network = new CharRnnNetwork(params, cell, v, e, h, layers, 0, new SplittableRandom(3));
        Weights w = params.snapshot();
        long[] tokens = {0, 3, 5, 2, 2, 1};
        float[] logits = network.logits(manager, tokens, 1, tokens.length).toFloatArray();

        double[][] x = new double[tokens.length][];
        for (int t = 0; t < tokens.length; t++) {
            x[t] = row(w.get("embedding").data(), (int) tokens[t], e);
        }
        for (int l = 0; l < layers; l++) {
            String p = "rnn.l" + l + ".";
            x = cell == RnnCell.LSTM
                    ? lstm(x, w.get(p + "weight_ih").data(), w.get(p + "weight_hh").data(), w.get(p + "bias_ih").data(), w.get(p + "bias_hh").data(), h)
                    : gru(x, w.get(p + "weight_ih").data(), w.get(p + "weight_hh").data(), w.get(p + "bias_ih").data(), w.get(p + "bias_hh").data(), h);
        }
        float[] weight = w.get("output.weight").data();
        float[] bias = w.get("output.bias").data();
        for (int t = 0; t < tokens.length; t++) {
            for (int k = 0; k < v; k++) {
                double expected = bias[k] + dot(weight, k * h, x[t]);
                assertEquals(expected, logits[t * v + k], 1e-5, cell + " logit " + k + " at step " + t);
            }
        }
    }

    private static double[][] lstm(double[][] x, float[] wih, float[] whh, float[] bih, float[] bhh, int h) {
        int in = x[0].length;
        double[] hidden = new double[h];
        double[] c = new double[h];
        double[][] out = new double[x.length][];
        for (int t = 0; t < x.length; t++) {
            double[] g = new double[4 * h];
            for (int k = 0; k < 4 * h; k++) {
                g[k] = bih[k] + bhh[k] + dot(wih, k * in, x[t]) + dot(whh, k * h, hidden);
            }
            double[] next = new double[h];
            for (int j = 0; j < h; j++) {
                double i = sigmoid(g[j]);
                double f = sigmoid(g[h + j]);
                double gg = Math.tanh(g[2 * h + j]);
                double o = sigmoid(g[3 * h + j]);
                c[j] = f * c[j] + i * gg;
                next[j] = o * Math.tanh(c[j]);
            }
            hidden = next;
            out[t] = next;
        }
        return out;
    }

    private static double[][] gru(double[][] x, float[] wih, float[] whh, float[] bih, float[] bhh, int h) {
        int in = x[0].length;
        double[] hidden = new double[h];
        double[][] out = new double[x.length][];
        for (int t = 0; t < x.length; t++) {
            double[] gi = new double[3 * h];
            double[] gh = new double[3 * h];
            for (int k = 0; k < 3 * h; k++) {
                gi[k] = bih[k] + dot(wih, k * in, x[t]);
                gh[k] = bhh[k] + dot(whh, k * h, hidden);
            }
            double[] next = new double[h];
            for (int j = 0; j < h; j++) {
                double r = sigmoid(gi[j] + gh[j]);
                double z = sigmoid(gi[h + j] + gh[h + j]);
                double n = Math.tanh(gi[2 * h + j] + r * gh[2 * h + j]);
                next[j] = (1 - z) * n + z * hidden[j];
            }
            hidden = next;
            out[t] = next;
        }
        return out;
    }

    private static double sigmoid(double v) {
        return 1 / (1 + Math.exp(-v));
    }

    private static double dot(float[] matrix, int offset, double[] x) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += matrix[offset + i] * x[i];
        }
        return s;
    }

    private static double[] row(float[] matrix, int row, int width) {
        double[] r = new double[width];
        for (int i = 0; i < width; i++) {
            r[i] = matrix[row * width + i];
        }
        return r;
    }

    private GptNetwork gpt(int context) {
        return new GptNetwork(new ParameterSet(manager), 7, 2, 2, 8, context, 0, true, new SplittableRandom(5));
    }

    /** Changing the token at position t changes no logits before t, and changes those from t on. */
    @Test
    void attentionIsCausal() {
        GptNetwork network = gpt(10);
        long[] a = {0, 2, 3, 4, 5, 6, 2, 3};
        long[] b = a.clone();
        b[5] = 1;
        float[] la = network.logits(manager, a, 1, a.length).toFloatArray();
        float[] lb = network.logits(manager, b, 1, b.length).toFloatArray();
        int v = 7;
        for (int t = 0; t < a.length; t++) {
            float[] ra = java.util.Arrays.copyOfRange(la, t * v, (t + 1) * v);
            float[] rb = java.util.Arrays.copyOfRange(lb, t * v, (t + 1) * v);
            if (t < 5) {
                assertArrayEquals(ra, rb, 1e-6f, "position " + t + " must not see position 5");
            } else {
                assertNotEquals(java.util.Arrays.toString(ra), java.util.Arrays.toString(rb), "position " + t + " sees position 5");
            }
        }
    }

    /**
     * Documents packed into one window are read as each alone: positions restart and attention stops at every
     * {@code <doc>} token (which begins the next document as it ends the previous one).
     */
    @Test
    void packedDocumentsDoNotSeeEachOther() {
        GptNetwork network = gpt(10);
        long[] packed = {0, 2, 3, 4, 0, 5, 6, 2, 0, 3};
        float[] together = network.logits(manager, packed, 1, packed.length).toFloatArray();
        int v = 7;
        int[][] documents = {{0, 4}, {4, 8}, {8, 10}};
        for (int[] d : documents) {
            long[] alone = java.util.Arrays.copyOfRange(packed, d[0], d[1]);
            float[] expected = network.logits(manager, alone, 1, alone.length).toFloatArray();
            assertArrayEquals(expected, java.util.Arrays.copyOfRange(together, d[0] * v, d[1] * v), 1e-5f,
                    "document at " + d[0] + " in a packed window");
        }
        long[] positions = new long[10];
        float[] mask = new float[100];
        GptNetwork.documentLayout(packed, 1, 10, positions, mask);
        assertArrayEquals(new long[] {0, 1, 2, 3, 0, 1, 2, 3, 0, 1}, positions);
        // a window that starts inside a document counts positions from the window's start
        GptNetwork.documentLayout(new long[] {5, 6, 0, 2}, 1, 4, positions, mask);
        assertArrayEquals(new long[] {0, 1, 0, 1}, java.util.Arrays.copyOf(positions, 4));
        assertEquals(0f, mask[1 * 4 + 0], "position 1 sees position 0");
        assertEquals(-1e9f, mask[3 * 4 + 1], "position 3 does not see position 1 across the <doc> at 2");
    }

    /**
     * The sampling session's key/value cache gives the logits of reading the whole window, through a prompt, single
     * tokens and dropped rows; past the context of 6 the window restarts from the last 3 tokens (positions 4-6 after
     * 7 tokens) and grows again.
     */
    @Test
    void cachedSamplingGivesTheLogitsOfTheFullWindow() {
        int context = 6;
        int v = 7;
        GptNetwork network = gpt(context);
        List<long[]> rows = new ArrayList<>(List.of(new long[] {0, 2, 3}, new long[] {0, 2, 3}, new long[] {0, 2, 3}));
        CharNetwork.Session session = network.session(manager, 3);
        float[] logits = session.feed(new long[] {0, 2, 3, 0, 2, 3, 0, 2, 3}, 3);
        assertLastLogits(network, rows, context, logits, v);
        long[][] steps = {{4, 5, 6}, {2, 2, 3}, {6, 5}, {3, 4}, {5, 2}, {2, 6}};
        for (long[] step : steps) {
            if (step.length < rows.size()) {
                session.retain(new int[] {0, 2});
                rows.remove(1);
            }
            for (int r = 0; r < rows.size(); r++) {
                long[] grown = java.util.Arrays.copyOf(rows.get(r), rows.get(r).length + 1);
                grown[grown.length - 1] = step[r];
                rows.set(r, grown);
            }
            logits = session.feed(step, 1);
            assertLastLogits(network, rows, context, logits, v);
        }
        assertEquals(9, rows.get(0).length, "the last three steps ran past the context of 6");
    }

    private void assertLastLogits(GptNetwork network, List<long[]> rows, int context, float[] actual, int v) {
        int w = rows.get(0).length <= context ? rows.get(0).length : rows.get(0).length - 4;
        long[] window = new long[rows.size() * w];
        for (int r = 0; r < rows.size(); r++) {
            System.arraycopy(rows.get(r), rows.get(r).length - w, window, r * w, w);
        }
        float[] all = network.logits(manager, window, rows.size(), w).toFloatArray();
        float[] expected = new float[rows.size() * v];
        for (int r = 0; r < rows.size(); r++) {
            System.arraycopy(all, (r * w + w - 1) * v, expected, r * v, v);
        }
        assertArrayEquals(expected, actual, 1e-5f, "after " + rows.get(0).length + " tokens");
    }

    /**
     * A document longer than the context is scored in windows overlapping by half: with context 8 and 20
     * predictions, windows [0, 8) scoring 0-7, [4, 12) scoring 8-11, [8, 16) scoring 12-15, [12, 20) scoring 16-19.
     */
    @Test
    void longDocumentsAreScoredInHalfOverlappingWindows() {
        GptNetwork network = gpt(8);
        int[] doc = new int[21];
        SplittableRandom random = new SplittableRandom(9);
        for (int i = 1; i < 20; i++) {
            doc[i] = 2 + random.nextInt(5);
        }
        int[][] windows = {{0, 8, 0}, {4, 12, 8}, {8, 16, 12}, {12, 20, 16}};
        double expected = 0;
        for (int[] w : windows) {
            long[] input = new long[w[1] - w[0]];
            for (int i = 0; i < input.length; i++) {
                input[i] = doc[w[0] + i];
            }
            float[] logits = network.logits(manager, input, 1, input.length).toFloatArray();
            for (int position = w[2]; position < w[1]; position++) {
                int t = position - w[0];
                expected -= logSoftmax(logits, t * 7, 7, doc[position + 1]);
            }
        }
        var nll = Likelihood.score(manager, network, List.of(doc));
        assertEquals(20, nll.tokens());
        assertEquals(expected, nll.nats(), 1e-4);
    }

    private static double logSoftmax(float[] logits, int offset, int v, int target) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < v; i++) {
            max = Math.max(max, logits[offset + i]);
        }
        double sum = 0;
        for (int i = 0; i < v; i++) {
            sum += Math.exp(logits[offset + i] - max);
        }
        return logits[offset + target] - max - Math.log(sum);
    }

    @Test
    void gradientClippingScalesTheGlobalNormToTheLimit() {
        ParameterSet params = new ParameterSet(manager);
        NDArray a = params.parameter("a", new long[] {3}, new float[] {1, 2, 3});
        NDArray b = params.parameter("b", new long[] {2}, new float[] {-1, 4});
        try (NDManager step = manager.newSubManager()) {
            try (GradientCollector collector = DjlEngine.engine().newGradientCollector()) {
                // d/da = 2a, d/db = 2b: global norm 2 * sqrt(1 + 4 + 9 + 1 + 16) = 2 * sqrt(31)
                collector.backward(a.square().sum().add(b.square().sum()));
            }
            double norm = GradientClipping.clip(params.trainable(), 1, step);
            assertEquals(2 * Math.sqrt(31), norm, 1e-4);
            float[] ga = a.getGradient().toFloatArray();
            float[] gb = b.getGradient().toFloatArray();
            double scale = 1 / (2 * Math.sqrt(31));
            assertArrayEquals(new float[] {(float) (2 * scale), (float) (4 * scale), (float) (6 * scale)}, ga, 1e-5f);
            assertArrayEquals(new float[] {(float) (-2 * scale), (float) (8 * scale)}, gb, 1e-5f);
            assertEquals(1, GradientClipping.clip(params.trainable(), 5, step), 1e-4, "below the limit: left as is");
        }
    }

    @Test
    void samplingDrawsFromTheTemperedTopKDistribution() {
        float[] logits = {5, -100, 0, (float) Math.log(2), (float) Math.log(4)}; // boundary, unknown, three characters
        Sampling settings = new Sampling(1, 0, "", 10);
        int[] counts = new int[5];
        SplittableRandom random = new SplittableRandom(1);
        int n = 200_000;
        float[] scratch = new float[5];
        for (int i = 0; i < n; i++) {
            counts[Sampler.draw(new float[] {0, 50, 0, (float) Math.log(2), (float) Math.log(4)}, 0, 5, settings, random, scratch)]++;
        }
        assertEquals(0, counts[Vocabulary.UNKNOWN], "the unknown token is never drawn, however likely");
        double[] expected = {1 / 8.0, 0, 1 / 8.0, 2 / 8.0, 4 / 8.0};
        for (int i = 0; i < 5; i++) {
            assertEquals(expected[i], counts[i] / (double) n, 0.005, "token " + i);
        }
        Sampling top2 = new Sampling(0.5, 2, "", 10); // top 2 of {5, 0, ln 2, ln 4}: 5 and ln 4; at T = 0.5 weights e^10, 16
        counts = new int[5];
        for (int i = 0; i < n; i++) {
            counts[Sampler.draw(logits, 0, 5, top2, random, scratch)]++;
        }
        assertEquals(0, counts[2] + counts[3]);
        double p4 = 16 / (16 + Math.exp(10));
        assertEquals(p4, counts[4] / (double) n, 0.001);
    }

    @Test
    void theVocabularyReservesTheBoundaryAndUnknownTokens() {
        Vocabulary v = Vocabulary.of(dev.genlab.spi.Corpus.of(List.of("ba", "c")));
        assertEquals(5, v.size());
        assertArrayEquals(new int[] {0, 3, 2, 0}, v.document("ba"));
        assertArrayEquals(new int[] {0, 4, 1, 1, 0}, v.document("cdé"));
        List<Integer> cps = new ArrayList<>();
        for (int t = 2; t < 5; t++) {
            cps.add(v.codePoint(t));
        }
        assertEquals(List.of((int) 'a', (int) 'b', (int) 'c'), cps);
        assertTrue(Vocabulary.describe('\n').equals("(U+000A)"));
    }
}
