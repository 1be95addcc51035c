package dev.genlab.plugin.deeptabular;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.genlab.plugin.djl.nn.Eager;
import dev.genlab.plugin.djl.nn.NativeArrays;
import dev.genlab.plugin.djl.tabular.Span;
import dev.genlab.plugin.djl.tabular.TabularTransformer;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * tvae's reconstruction loss and its gradient with respect to the decoder's output and output scales, computed on
 * the host from a copy of the decoder's output, with the exponentials taken in the engine.
 *
 * <p>The loss, summed over the batch's rows, is the reference's: for each value column {@code c} (every span that is
 * not one-hot; its first column), {@code (t - tanh(r))² / (2σ²) + log σ}; for each one-hot block, the cross-entropy
 * {@code -Σ t_j log softmax(r)_j} of the block's target weights. Its gradient is closed-form: {@code -(t - μ)(1 -
 * μ²)/σ²} for a value ({@code μ = tanh r}), {@code softmax(r)_j Σt - t_j} in a block, and {@code Σ_rows(1/σ - (t -
 * μ)²/σ³)} for a scale.
 *
 * <p>Why (issue 19, measured with {@code perf} on a tvae epoch at 1 thread): the same loss written as engine
 * operations under autograd — a gather of the value columns, a grouped log-soft-max, a gather of the target positions
 * and the backward pass of each — was about a sixth of a training step, most of it in some forty small native calls
 * and the zero-filled, scattered gradient arrays of their backward pass. Here it is two host passes over the
 * batch's 500 × 157 values and one engine {@code exp}, and the network's backward pass starts from the written
 * gradient ({@code sum(output · gradient)}, whose gradient with respect to the output is exactly the one written).
 * {@code TestTvaeReconstruction} checks the value and both gradients against the autograd computation.
 */
final class TvaeReconstruction {
    private final int width;
    /** Value (not one-hot) columns: each non-one-hot span's first column. */
    private final int[] values;
    /** One-hot blocks: first column and width. */
    private final int[] blockStart;
    private final int[] blockWidth;
    /** Columns of no span: their gradient is 0. */
    private final int[] uncovered;
    /** The table's value columns, row after row. */
    private final float[] targetValues;
    /**
     * The table's block targets, sparse: for row {@code r} and block {@code b}, entries {@code first[r·blocks + b] ..
     * first[r·blocks + b + 1]} of {@code column} (offset in the block) and {@code weight} (a one-hot row: one entry of
     * weight 1; an all-zero block: none).
     */
    private final int[] first;
    private final int[] column;
    private final float[] weight;
    /** Scratch, grown to a batch: the output, the values worked on, each row's block maxima. */
    private float[] logits = new float[0];
    private float[] work = new float[0];
    private float[] maxima = new float[0];

    /** For the {@code rows} encoded rows of {@code data} ({@code width} values each), the table the loss is taken against. */
    TvaeReconstruction(List<Span> spans, float[] data, int rows, int width) {
        this.width = width;
        this.values = spans.stream().filter(s -> s.activation() != Span.Activation.SOFTMAX).mapToInt(Span::start).toArray();
        List<Span> blocks = spans.stream().filter(s -> s.activation() == Span.Activation.SOFTMAX).toList();
        this.blockStart = blocks.stream().mapToInt(Span::start).toArray();
        this.blockWidth = blocks.stream().mapToInt(Span::width).toArray();
        boolean[] covered = new boolean[width];
        for (int c : values) {
            covered[c] = true;
        }
        for (int b = 0; b < blockStart.length; b++) {
            Arrays.fill(covered, blockStart[b], blockStart[b] + blockWidth[b], true);
        }
        this.uncovered = IntStream.range(0, width).filter(c -> !covered[c]).toArray();
        this.targetValues = new float[rows * values.length];
        int nBlocks = blockStart.length;
        this.first = new int[rows * nBlocks + 1];
        int entries = 0;
        for (int i = 0; i < rows * width; i++) {
            entries += data[i] != 0 ? 1 : 0;
        }
        int[] columns = new int[entries];
        float[] weights = new float[entries];
        int n = 0;
        for (int r = 0; r < rows; r++) {
            int at = r * width;
            for (int v = 0; v < values.length; v++) {
                targetValues[r * values.length + v] = data[at + values[v]];
            }
            for (int b = 0; b < nBlocks; b++) {
                first[r * nBlocks + b] = n;
                for (int j = 0; j < blockWidth[b]; j++) {
                    float t = data[at + blockStart[b] + j];
                    if (t != 0) {
                        columns[n] = j;
                        weights[n++] = t;
                    }
                }
            }
        }
        first[rows * nBlocks] = n;
        this.column = Arrays.copyOf(columns, n);
        this.weight = Arrays.copyOf(weights, n);
    }

    /** The same loss over the same table, with scratch of its own: for a second thread (a split training step). */
    TvaeReconstruction withOwnScratch() {
        return new TvaeReconstruction(this);
    }

    private TvaeReconstruction(TvaeReconstruction shared) {
        width = shared.width;
        values = shared.values;
        blockStart = shared.blockStart;
        blockWidth = shared.blockWidth;
        uncovered = shared.uncovered;
        targetValues = shared.targetValues;
        first = shared.first;
        column = shared.column;
        weight = shared.weight;
    }

    /**
     * The loss summed over the table's rows {@code order[from .. from+rows)} (wrapping around), given the decoder's
     * output {@code output} for them ({@code (rows, width)}) and the output scales {@code sigma} (one per column; only
     * the value columns' are read).
     *
     * <p>Three passes: on the host, each block's values less the block's maximum; in the engine, one {@code exp} of
     * all of them (vectorised: {@code Math.exp} per position on the host cost as much as the autograd loss it
     * replaced); on the host again, the sums, the loss and the gradient, written over the exponentials.
     *
     * @param scale     what the loss is multiplied by in the objective: both gradients are given times it
     * @param sigmaGrad receives {@code scale ·} d loss / d σ (0 outside the value columns); length {@code width}
     * @param loss      receives the loss, unscaled, at index 0
     * @return {@code scale ·} d loss / d output, shape {@code (rows, width)}, in {@code manager}
     */
    NDArray gradient(NDManager manager, NDArray output, int[] order, int from, int rows, float[] sigma, double scale,
            float[] sigmaGrad, double[] loss) {
        int n = rows * width;
        if (logits.length < n) {
            logits = new float[n];
            work = new float[n];
            maxima = new float[rows * blockStart.length];
        }
        FittedDeepModel.copyOut(output, logits, 0);
        shift(rows);
        NDArray shifted = NativeArrays.floats(manager, output.getShape(), b -> b.put(0, work, 0, n));
        NDArray exps = Eager.done(shifted.exp(), shifted);
        FittedDeepModel.copyOut(exps, work, 0);
        loss[0] = finish(order, from, rows, sigma, scale, sigmaGrad);
        if (NativeArrays.viewable(exps)) {
            NativeArrays.view(exps).put(0, work, 0, n); // the gradient written over the exponentials: no new array
            return exps;
        }
        exps.close();
        return NativeArrays.floats(manager, output.getShape(), b -> b.put(0, work, 0, n));
    }

    /** {@code work} ← each block's logits less the block's maximum (kept in {@code maxima}); 0 elsewhere. */
    private void shift(int rows) {
        float[] r = logits;
        float[] out = work;
        int blocks = blockStart.length;
        Arrays.fill(out, 0, rows * width, 0f);
        for (int i = 0; i < rows; i++) {
            int at = i * width;
            for (int b = 0; b < blocks; b++) {
                int start = at + blockStart[b];
                int end = start + blockWidth[b];
                // the decoding's argmax (TabularTransformer): compiled here in training, it is hot when the sample is decoded
                float max = r[start + TabularTransformer.argmax(r, start, blockWidth[b])];
                maxima[i * blocks + b] = max;
                for (int j = start; j < end; j++) {
                    out[j] = r[j] - max;
                }
            }
        }
    }

    /** tanh by one exponential ({@link Math#tanh} goes through {@code expm1}, several times slower); absolute error below 1e-15. */
    private static double tanh(float x) {
        if (x > 20) {
            return 1;
        }
        if (x < -20) {
            return -1;
        }
        double e = Math.exp(2.0 * x);
        return (e - 1) / (e + 1);
    }

    /** From the exponentials in {@code work}: the loss; {@code work} ← the gradient. */
    private double finish(int[] order, int from, int rows, float[] sigma, double scale, float[] sigmaGrad) {
        float[] r = logits;
        float[] g = work;
        int blocks = blockStart.length;
        int nValues = values.length;
        float s = (float) scale;
        double loss = 0;
        double[] squaredSum = new double[nValues];
        double[] inverseVariance = new double[nValues];
        for (int v = 0; v < nValues; v++) {
            double sv = sigma[values[v]];
            inverseVariance[v] = 1 / (sv * sv);
        }
        // the log-sum-exp terms of blocks whose target weights add to 1 (one-hot rows): their sums (each in [1, block
        // width]) multiplied, and the product's log taken once it is large, not one log per block and row (10,000 per
        // Adult batch). With the one-exponential tanh below: this loss on an Adult batch of 500 took 0.63-0.72 ms
        // instead of 0.92-0.96 (issue 19; a loop of 2,000 calls, 1 thread)
        double product = 1;
        for (int i = 0; i < rows; i++) {
            int row = order[(from + i) % order.length];
            int at = i * width;
            for (int c : uncovered) {
                g[at + c] = 0f;
            }
            for (int v = 0; v < nValues; v++) {
                int c = values[v];
                double mu = tanh(r[at + c]);
                double error = targetValues[row * nValues + v] - mu;
                double squared = error * error;
                loss += 0.5 * squared * inverseVariance[v];
                squaredSum[v] += squared;
                g[at + c] = (float) (-scale * error * (1 - mu * mu) * inverseVariance[v]);
            }
            for (int b = 0; b < blocks; b++) {
                int start = at + blockStart[b];
                int end = start + blockWidth[b];
                float sum = 0;
                for (int j = start; j < end; j++) {
                    sum += g[j];
                }
                int e0 = first[row * blocks + b];
                int e1 = first[row * blocks + b + 1];
                float weights = 0;
                double weighted = 0;
                for (int e = e0; e < e1; e++) {
                    weights += weight[e];
                    weighted += weight[e] * r[start + column[e]];
                }
                // cross-entropy: Σt · logsumexp − Σ t·r, logsumexp = max + log Σ exp(r − max)
                loss += weights * maxima[i * blocks + b] - weighted;
                if (weights == 1f) {
                    product *= sum;
                    if (product > 1e200) {
                        loss += Math.log(product);
                        product = 1;
                    }
                } else if (weights != 0f) {
                    loss += weights * Math.log(sum);
                }
                float perSum = s * weights / sum;
                for (int j = start; j < end; j++) {
                    g[j] *= perSum;
                }
                for (int e = e0; e < e1; e++) {
                    g[start + column[e]] -= s * weight[e];
                }
            }
        }
        loss += Math.log(product);
        Arrays.fill(sigmaGrad, 0f);
        for (int v = 0; v < nValues; v++) {
            double sv = sigma[values[v]];
            loss += rows * Math.log(sv);
            sigmaGrad[values[v]] = (float) (scale * (rows / sv - squaredSum[v] * inverseVariance[v] / sv));
        }
        return loss;
    }
}
