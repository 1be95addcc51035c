package dev.genlab.plugin.deeptabular;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.genlab.plugin.djl.nn.Gaussians;
import dev.genlab.plugin.djl.nn.Scalars;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The private gradient of one DP-SGD step (Abadi et al. 2016): each example's gradient, over all parameters
 * together, is scaled to norm at most {@code clipNorm}, the scaled gradients are summed, Gaussian noise of standard
 * deviation {@code noiseMultiplier * clipNorm} is added to every coordinate, and the sum is divided by the expected
 * batch size (not the drawn one, which depends on the data's size). The result replaces the parameters' gradients,
 * for the optimiser to use as usual.
 *
 * @param clipNorm        C, the bound on each example's gradient norm; infinite turns clipping off (tests only)
 * @param noiseMultiplier σ; 0 adds no noise (tests only)
 * @param expectedBatch   q · n, the mean size of a Poisson sample
 */
record DpSgd(double clipNorm, double noiseMultiplier, double expectedBatch) {

    /** Each example's factor {@code min(1, C / |grad_i|)}, computed on the host in double. */
    float[] clipFactors(NDArray squaredNorms) {
        float[] n = squaredNorms.toFloatArray();
        float[] c = new float[n.length];
        for (int i = 0; i < n.length; i++) {
            double norm = Math.sqrt(n[i]);
            c[i] = norm > clipNorm ? (float) (clipNorm / norm) : 1f;
        }
        return c;
    }

    /**
     * Replaces the gradient of every parameter in {@code parameters} with the private one. {@code recorded} holds the
     * batch's per-example gradients after its backward pass; a Poisson sample without rows is an ordinary batch of
     * size 0 (the step then releases noise only, as the accountant assumes). Every parameter must have been recorded:
     * a parameter the data reached without clipping would not be private.
     */
    void apply(List<NDArray> parameters, PerExampleGradients recorded, NDManager manager, SplittableRandom noise) {
        if (!new HashSet<>(recorded.parameters()).equals(new HashSet<>(parameters)) || recorded.parameters().size() != parameters.size()) {
            throw new IllegalStateException("DP-SGD: the recorded layers do not cover each trainable parameter exactly once");
        }
        Map<NDArray, NDArray> sums = recorded.weightedSums(manager.create(clipFactors(recorded.squaredNorms())));
        for (NDArray p : parameters) {
            Shape shape = p.getShape();
            NDArray sum = sums.get(p);
            if (noiseMultiplier > 0) {
                NDArray z = manager.create(Gaussians.fill(noise, (int) shape.size()), shape);
                sum = sum.add(Scalars.mul(z, noiseMultiplier * clipNorm));
            }
            NDArray update = Scalars.div(sum, expectedBatch);
            try (NDArray g = p.getGradient()) {
                g.subi(g).addi(update);
            }
        }
    }
}
