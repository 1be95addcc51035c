package dev.genlab.plugin.djl.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.norm.BatchNorm;
import java.util.Arrays;

/** Batch normalisation over the feature axis of (batch, features) input, as PyTorch's {@code BatchNorm1d}. */
public final class BatchNorm1d {
    /** PyTorch's default: running = 0.9 running + 0.1 batch. DJL's momentum is the weight of the old value. */
    private static final float DJL_MOMENTUM = 0.9f;
    private static final float EPS = 1e-5f;

    private final NDArray gamma;
    private final NDArray beta;
    private final NDArray runningMean;
    private final NDArray runningVar;

    public BatchNorm1d(ParameterSet params, String name, int features) {
        float[] ones = new float[features];
        Arrays.fill(ones, 1f);
        this.gamma = params.parameter(name + ".gamma", new long[] {features}, ones);
        this.beta = params.parameter(name + ".beta", new long[] {features}, new float[features]);
        this.runningMean = params.buffer(name + ".running-mean", new long[] {features}, new float[features]);
        this.runningVar = params.buffer(name + ".running-var", new long[] {features}, ones.clone());
    }

    /** Batch statistics (and a running-statistics update) when {@code training}, running statistics otherwise. */
    public NDArray forward(NDArray x, boolean training) {
        return BatchNorm.batchNorm(x, runningMean, runningVar, gamma, beta, -1, DJL_MOMENTUM, EPS, training).singletonOrThrow();
    }
}
