package dev.genlab.plugin.djl.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.norm.BatchNorm;
import java.util.Arrays;

/** Batch normalisation over the channel axis of (batch, channels, h, w) input, as PyTorch's {@code BatchNorm2d}. */
public final class BatchNorm2d {
    /** PyTorch's default: running = 0.9 running + 0.1 batch. DJL's momentum is the weight of the old value. */
    private static final float DJL_MOMENTUM = 0.9f;
    private static final float EPS = 1e-5f;

    private final NDArray gamma;
    private final NDArray beta;
    private final NDArray runningMean;
    private final NDArray runningVar;

    public BatchNorm2d(ParameterSet params, String name, int channels) {
        float[] ones = new float[channels];
        Arrays.fill(ones, 1f);
        this.gamma = params.parameter(name + ".gamma", new long[] {channels}, ones);
        this.beta = params.parameter(name + ".beta", new long[] {channels}, new float[channels]);
        this.runningMean = params.buffer(name + ".running-mean", new long[] {channels}, new float[channels]);
        this.runningVar = params.buffer(name + ".running-var", new long[] {channels}, ones.clone());
    }

    /** Batch statistics (and a running-statistics update) when {@code training}, running statistics otherwise. */
    public NDArray forward(NDArray x, boolean training) {
        return BatchNorm.batchNorm(x, runningMean, runningVar, gamma, beta, 1, DJL_MOMENTUM, EPS, training).singletonOrThrow();
    }
}
