package dev.genlab.plugin.deeptabular;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.genlab.plugin.djl.nn.Eager;
import dev.genlab.plugin.djl.nn.Gaussians;
import dev.genlab.plugin.djl.tabular.Span;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Turns a generator's raw output into encoded rows: tanh for bounded values, identity for unbounded ones, softmax (or
 * Gumbel-softmax, as CTGAN) for one-hot blocks. In training the one-hot blocks are soft-maxed a group at a time
 * ({@link SoftmaxGroups}) and the result is gathered back into the encoded layout, a fixed handful of native calls
 * whatever the number of columns.
 */
final class OutputLayer {
    private final List<Span> spans;
    private final SoftmaxGroups groups;
    private final NDArray layout;
    private final int width;
    /** Whether some column is LINEAR: the raw output is then the first part {@link #activate} gathers from. */
    private final boolean linear;
    /** The TANH columns, shape (1, count); null when there are none. */
    private final NDArray tanhColumns;
    /** {@code layout} and {@code tanhColumns} broadcast to a batch's rows, by row count. */
    private final Map<Long, NDArray[]> byRows = new HashMap<>();
    /** The first column of each span that is not one-hot, in span order, and whether it is a tanh column. */
    private final int[] valueColumns;
    private final boolean[] tanhValue;

    /** For {@link #decode} only (sampling on the host). */
    OutputLayer(List<Span> spans) {
        this.spans = List.copyOf(spans);
        this.groups = null;
        this.layout = null;
        this.linear = false;
        this.tanhColumns = null;
        this.width = spans.isEmpty() ? 0 : spans.get(spans.size() - 1).end();
        List<Span> values = spans.stream().filter(s -> s.activation() != Span.Activation.SOFTMAX).toList();
        this.valueColumns = values.stream().mapToInt(Span::start).toArray();
        this.tanhValue = new boolean[values.size()];
        for (int v = 0; v < values.size(); v++) {
            tanhValue[v] = values.get(v).activation() == Span.Activation.TANH;
        }
    }

    /** For {@link #activate} too; its index arrays live in {@code manager}. */
    OutputLayer(List<Span> spans, NDManager manager) {
        this.spans = List.copyOf(spans);
        this.width = spans.isEmpty() ? 0 : spans.get(spans.size() - 1).end();
        this.groups = new SoftmaxGroups(spans.stream().filter(s -> s.activation() == Span.Activation.SOFTMAX).toList(), false, manager);
        // activate() concatenates [raw if some column is linear | tanh of the tanh columns | softmax groups] and
        // gathers each encoded column from there
        this.linear = spans.stream().anyMatch(s -> s.activation() == Span.Activation.LINEAR);
        long[] tanh = spans.stream().filter(s -> s.activation() == Span.Activation.TANH)
                .flatMapToLong(s -> java.util.stream.LongStream.range(s.start(), s.end())).toArray();
        this.tanhColumns = tanh.length == 0 ? null : manager.create(tanh, new Shape(1, tanh.length));
        int tanhAt = linear ? width : 0;
        int softmaxAt = tanhAt + tanh.length;
        int[] groupPosition = groups.positions(width);
        int[] tanhPosition = new int[width];
        for (int i = 0; i < tanh.length; i++) {
            tanhPosition[(int) tanh[i]] = i;
        }
        long[] index = new long[width];
        for (Span s : spans) {
            for (int j = 0; j < s.width(); j++) {
                int c = s.start() + j;
                index[c] = switch (s.activation()) {
                    case LINEAR -> c;
                    case TANH -> tanhAt + tanhPosition[c];
                    case SOFTMAX -> softmaxAt + groupPosition[c];
                };
            }
        }
        this.layout = manager.create(index, new Shape(1, width));
        this.valueColumns = null;
        this.tanhValue = null;
    }

    /**
     * Activated output, differentiable. {@code gumbelTau > 0} draws Gumbel noise from the engine's (seeded)
     * generator for one-hot blocks, as CTGAN's generator does in training. tanh is applied to the tanh columns only
     * (on Adult 6 of 157), gathered first.
     */
    NDArray activate(NDArray raw, double gumbelTau) {
        if (groups == null) {
            throw new IllegalStateException("this output layer was built for decoding only");
        }
        if (spans.isEmpty()) {
            return raw;
        }
        long rows = raw.getShape().get(0);
        NDArray[] index = byRows.computeIfAbsent(rows, r -> new NDArray[] {layout.broadcast(new Shape(r, width)),
                tanhColumns == null ? null : tanhColumns.broadcast(new Shape(r, tanhColumns.getShape().get(1)))});
        NDList parts = new NDList(3);
        if (linear) {
            parts.add(raw);
        }
        if (index[1] != null) {
            NDArray values = raw.gather(index[1], 1);
            parts.add(Eager.done(values.tanh(), values));
        }
        if (!groups.isEmpty()) {
            parts.add(groups.softmax(raw, gumbelTau));
        }
        // the temporaries are closed once consumed (Eager); raw is the caller's
        NDArray all = parts.size() == 1 ? parts.get(0) : NDArrays.concat(parts, 1);
        NDArray out = all.gather(index[0], 1);
        for (NDArray part : parts) {
            if (part != raw) {
                part.close();
            }
        }
        if (all != raw) {
            all.close();
        }
        return out;
    }

    /**
     * Gumbel noise {@code -log(E)} from uniforms {@code u}, with {@code E = -log(u) ~ Exp(1)}, finite for every
     * {@code u} in [0, 1]: PyTorch's uniform can return its upper bound, and {@code E = 0} (or {@code u = 0}) would
     * make the noise infinite and the softmax NaN (the reference retries its Gumbel-softmax then; a CTGAN run here went
     * NaN at epoch 53 on Adult before this guard). E is kept within [1e-10, 1e10], so the noise is within ±23.1.
     */
    static NDArray gumbelNoise(NDArray u) {
        NDArray logU = u.log();
        NDArray exponential = Eager.done(logU.neg(), logU);
        NDArray clipped = Eager.done(exponential.clip(1e-10f, 1e10f), exponential);
        NDArray logE = Eager.done(clipped.log(), clipped);
        return Eager.done(logE.neg(), logE);
    }

    /**
     * Host-side decoding of raw generator output for sampling, in place: tanh for bounded values and, for each one-hot
     * block, a draw from its softmax written as a one-hot; the result is what {@code TabularTransformer.inverse}
     * reads. One pass over the rows in memory order; the spans are flattened into arrays once (sampling is a one-off
     * call, so the loop must be cheap before the JIT has warmed up as well as after). Decodes the {@code rows} rows
     * that start at index {@code offset} of {@code raw} (a chunk of a sample).
     */
    float[] decode(float[] raw, int offset, int rows, int width, SplittableRandom random) {
        int[] kinds = new int[spans.size()];
        int[] starts = new int[spans.size()];
        int[] widths = new int[spans.size()];
        int maxWidth = 0;
        for (int k = 0; k < spans.size(); k++) {
            Span s = spans.get(k);
            kinds[k] = s.activation().ordinal();
            starts[k] = s.start();
            widths[k] = s.width();
            maxWidth = Math.max(maxWidth, s.width());
        }
        int tanh = Span.Activation.TANH.ordinal();
        int softmax = Span.Activation.SOFTMAX.ordinal();
        double[] weights = new double[maxWidth];
        for (int i = 0; i < rows; i++) {
            int row = offset + i * width;
            for (int k = 0; k < kinds.length; k++) {
                int base = row + starts[k];
                if (kinds[k] == tanh) {
                    raw[base] = tanh(raw[base]);
                } else if (kinds[k] == softmax) {
                    drawOneHot(raw, base, widths[k], random, weights);
                }
            }
        }
        return raw;
    }

    /**
     * Decoding for a model whose one-hot blocks are read by argmax and whose values carry learned noise (tvae, as the
     * reference): in each of the {@code rows} rows of {@code raw} from index 0, each value column {@code c} (the first
     * column of every span that is not one-hot, in span order) becomes {@code tanh(raw) + sigma[c] · N(0, 1)} for a
     * bounded value, {@code raw + sigma[c] · N(0, 1)} for an unbounded one, the draws taken from {@code random} row by
     * row; the one-hot blocks are left as they are, since {@code TabularTransformer} reads them by argmax.
     *
     * <p>A row at a time through a method of its own: a sample is a one-off call on code the JIT has not compiled, and a
     * loop over a chunk's rows ran in the interpreter until 60,000 iterations had passed (on Adult, the first four
     * chunks of a 32,561-row tvae sample; {@code -XX:+PrintCompilation}, issue 19), where a method is compiled after a
     * few hundred calls.
     */
    float[] activateValues(float[] raw, int rows, int width, float[] sigma, SplittableRandom random) {
        for (int i = 0; i < rows; i++) {
            valuesOfRow(raw, i * width, sigma, random);
        }
        return raw;
    }

    private void valuesOfRow(float[] raw, int row, float[] sigma, SplittableRandom random) {
        for (int v = 0; v < valueColumns.length; v++) {
            int c = valueColumns[v];
            float x = tanhValue[v] ? tanh(raw[row + c]) : raw[row + c];
            raw[row + c] = x + (float) (sigma[c] * Gaussians.next(random));
        }
    }

    /** A draw from the softmax of {@code a[base .. base + width)}, written over it as a one-hot. */
    private static void drawOneHot(float[] a, int base, int width, SplittableRandom random, double[] weights) {
        float max = a[base];
        for (int j = 1; j < width; j++) {
            max = Math.max(max, a[base + j]);
        }
        double sum = 0;
        for (int j = 0; j < width; j++) {
            double w = Math.exp((double) a[base + j] - max); // once per value: the exponentials are most of the cost
            weights[j] = w;
            sum += w;
        }
        double u = random.nextDouble() * sum;
        int pick = width - 1;
        for (int j = 0; j < width; j++) {
            u -= weights[j];
            if (u < 0) {
                pick = j;
                break;
            }
        }
        for (int j = 0; j < width; j++) {
            a[base + j] = 0;
        }
        a[base + pick] = 1;
    }

    /** tanh by one exponential ({@link Math#tanh} is several times slower); absolute error below 1e-15, far below a float's. */
    static float tanh(float x) {
        if (x > 20) {
            return 1;
        }
        if (x < -20) {
            return -1;
        }
        double e = Math.exp(2.0 * x);
        return (float) ((e - 1) / (e + 1));
    }
}
