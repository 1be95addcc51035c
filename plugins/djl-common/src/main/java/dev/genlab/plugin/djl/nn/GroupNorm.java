package dev.genlab.plugin.djl.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;

/**
 * Group normalisation (Wu and He 2018) of (batch, channels, h, w) input, as PyTorch's {@code nn.GroupNorm}: the
 * channels are split into groups, each normalised per example over its channels and positions, then a learned
 * per-channel scale and shift. No running statistics: training and sampling compute the same thing.
 */
public final class GroupNorm {
    private static final float EPS = 1e-5f;

    private final NDArray gamma;
    private final NDArray beta;
    private final int groups;
    private final int channels;

    public GroupNorm(ParameterSet params, String name, int groups, int channels) {
        if (groups < 1 || channels % groups != 0) {
            throw new IllegalArgumentException(name + ": " + channels + " channels cannot be split into " + groups + " groups");
        }
        this.groups = groups;
        this.channels = channels;
        float[] ones = new float[channels];
        Arrays.fill(ones, 1f);
        this.gamma = params.parameter(name + ".gamma", new long[] {1, channels, 1, 1}, ones);
        this.beta = params.parameter(name + ".beta", new long[] {1, channels, 1, 1}, new float[channels]);
    }

    public NDArray forward(NDArray x) {
        Shape shape = x.getShape();
        NDArray grouped = x.reshape(shape.get(0), groups, -1);
        NDArray centred = grouped.sub(grouped.mean(new int[] {2}, true));
        NDArray variance = centred.square().mean(new int[] {2}, true);
        NDArray normalised = centred.div(Scalars.add(variance, EPS).sqrt()).reshape(shape);
        return normalised.mul(gamma).add(beta);
    }

    public int channels() {
        return channels;
    }
}
