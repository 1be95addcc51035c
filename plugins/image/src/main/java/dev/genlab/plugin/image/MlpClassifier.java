package dev.genlab.plugin.image;

import java.util.SplittableRandom;
import java.util.function.IntConsumer;

/**
 * A small multi-layer perceptron, input → 128 → 64 → classes with ReLU, trained by minibatch Adam on softmax
 * cross-entropy, in plain Java. It exists to give images a learned feature space (the 64 activations of the last
 * hidden layer) and to label synthetic images; it is not meant to be a strong classifier. Training is fully
 * determined by the random stream it is given.
 */
final class MlpClassifier {
    static final int HIDDEN1 = 128;
    static final int HIDDEN2 = 64;
    static final int BATCH = 32;
    static final double LEARNING_RATE = 1e-3;
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPSILON = 1e-8;

    private final Layer l1;
    private final Layer l2;
    private final Layer l3;

    private MlpClassifier(int inputs, int classes, SplittableRandom random) {
        l1 = new Layer(inputs, HIDDEN1, random);
        l2 = new Layer(HIDDEN1, HIDDEN2, random);
        l3 = new Layer(HIDDEN2, classes, random);
    }

    /**
     * Trains on rows {@code x} (inputs scaled to about [0, 1]) with labels {@code y} in {@code 0..classes-1}.
     * {@code afterEpoch} is called with each finished epoch's number (for progress and cancellation).
     */
    static MlpClassifier train(double[][] x, int[] y, int classes, int epochs, SplittableRandom random, IntConsumer afterEpoch) {
        if (x.length == 0) {
            throw new IllegalArgumentException("no labelled images to train the classifier on");
        }
        MlpClassifier mlp = new MlpClassifier(x[0].length, classes, random);
        int[] order = new int[x.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        double[] h1 = new double[HIDDEN1];
        double[] h2 = new double[HIDDEN2];
        double[] z = new double[classes];
        double[] dz = new double[classes];
        double[] dh2 = new double[HIDDEN2];
        double[] dh1 = new double[HIDDEN1];
        int step = 0;
        for (int epoch = 1; epoch <= epochs; epoch++) {
            for (int i = order.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            for (int start = 0; start < order.length; start += BATCH) {
                int end = Math.min(order.length, start + BATCH);
                mlp.l1.zeroGradient();
                mlp.l2.zeroGradient();
                mlp.l3.zeroGradient();
                for (int b = start; b < end; b++) {
                    double[] input = x[order[b]];
                    mlp.l1.forward(input, h1, true);
                    mlp.l2.forward(h1, h2, true);
                    mlp.l3.forward(h2, z, false);
                    softmax(z, dz);
                    dz[y[order[b]]] -= 1;
                    mlp.l3.backward(h2, dz, dh2);
                    reluGradient(h2, dh2);
                    mlp.l2.backward(h1, dh2, dh1);
                    reluGradient(h1, dh1);
                    mlp.l1.backward(input, dh1, null);
                }
                step++;
                double scale = 1.0 / (end - start);
                mlp.l1.adam(scale, step);
                mlp.l2.adam(scale, step);
                mlp.l3.adam(scale, step);
            }
            afterEpoch.accept(epoch);
        }
        return mlp;
    }

    /** The last hidden layer's activations for each row. */
    double[][] features(double[][] x) {
        double[][] out = new double[x.length][HIDDEN2];
        double[] h1 = new double[HIDDEN1];
        for (int i = 0; i < x.length; i++) {
            l1.forward(x[i], h1, true);
            l2.forward(h1, out[i], true);
        }
        return out;
    }

    /** The most likely class of each row given its {@link #features}. */
    int[] predictFromFeatures(double[][] features) {
        int[] out = new int[features.length];
        double[] z = new double[l3.outputs];
        for (int i = 0; i < features.length; i++) {
            l3.forward(features[i], z, false);
            int best = 0;
            for (int c = 1; c < z.length; c++) {
                if (z[c] > z[best]) {
                    best = c;
                }
            }
            out[i] = best;
        }
        return out;
    }

    private static void softmax(double[] z, double[] p) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (int i = 0; i < z.length; i++) {
            p[i] = Math.exp(z[i] - max);
            sum += p[i];
        }
        for (int i = 0; i < z.length; i++) {
            p[i] /= sum;
        }
    }

    private static void reluGradient(double[] activation, double[] gradient) {
        for (int i = 0; i < activation.length; i++) {
            if (activation[i] <= 0) {
                gradient[i] = 0;
            }
        }
    }

    /** A dense layer {@code out = W in + b} with its Adam state; weights are row-major {@code [out][in]}. */
    private static final class Layer {
        final int inputs;
        final int outputs;
        final double[] w;
        final double[] b;
        final double[] gw;
        final double[] gb;
        final double[] mw;
        final double[] vw;
        final double[] mb;
        final double[] vb;

        Layer(int inputs, int outputs, SplittableRandom random) {
            this.inputs = inputs;
            this.outputs = outputs;
            w = new double[inputs * outputs];
            double sd = Math.sqrt(2.0 / inputs); // He initialisation for ReLU layers
            for (int i = 0; i < w.length; i++) {
                w[i] = random.nextGaussian() * sd;
            }
            b = new double[outputs];
            gw = new double[w.length];
            gb = new double[outputs];
            mw = new double[w.length];
            vw = new double[w.length];
            mb = new double[outputs];
            vb = new double[outputs];
        }

        void forward(double[] in, double[] out, boolean relu) {
            for (int o = 0; o < outputs; o++) {
                double s = b[o];
                int base = o * inputs;
                for (int i = 0; i < inputs; i++) {
                    s += w[base + i] * in[i];
                }
                out[o] = relu && s < 0 ? 0 : s;
            }
        }

        /** Adds this sample's gradients; writes the gradient with respect to the input into {@code dIn} (if not null). */
        void backward(double[] in, double[] dOut, double[] dIn) {
            if (dIn != null) {
                java.util.Arrays.fill(dIn, 0);
            }
            for (int o = 0; o < outputs; o++) {
                double g = dOut[o];
                if (g == 0) {
                    continue;
                }
                gb[o] += g;
                int base = o * inputs;
                for (int i = 0; i < inputs; i++) {
                    gw[base + i] += g * in[i];
                    if (dIn != null) {
                        dIn[i] += g * w[base + i];
                    }
                }
            }
        }

        void zeroGradient() {
            java.util.Arrays.fill(gw, 0);
            java.util.Arrays.fill(gb, 0);
        }

        void adam(double scale, int step) {
            double c1 = 1 - Math.pow(BETA1, step);
            double c2 = 1 - Math.pow(BETA2, step);
            update(w, gw, mw, vw, scale, c1, c2);
            update(b, gb, mb, vb, scale, c1, c2);
        }

        private static void update(double[] p, double[] g, double[] m, double[] v, double scale, double c1, double c2) {
            for (int i = 0; i < p.length; i++) {
                double gi = g[i] * scale;
                m[i] = BETA1 * m[i] + (1 - BETA1) * gi;
                v[i] = BETA2 * v[i] + (1 - BETA2) * gi * gi;
                p[i] -= LEARNING_RATE * (m[i] / c1) / (Math.sqrt(v[i] / c2) + EPSILON);
            }
        }
    }
}
