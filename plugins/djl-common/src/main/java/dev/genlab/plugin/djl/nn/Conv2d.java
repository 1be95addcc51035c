package dev.genlab.plugin.djl.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;

/**
 * A 2-D convolution over (batch, channels, height, width) input, square kernel, initialised like PyTorch's
 * {@code nn.Conv2d} (uniform in ±1/sqrt(fan-in), fan-in = in-channels × kernel²) from a seeded stream.
 * (DJL's PyTorch engine does not implement transposed convolution; upsample with {@link #upsampleNearest} and
 * convolve instead.)
 */
public final class Conv2d {
    private final NDArray weight;
    private final NDArray bias;
    private final Shape stride;
    private final Shape padding;
    private final Shape dilation = new Shape(1, 1);
    private final int in;
    private final int out;

    public Conv2d(ParameterSet params, String name, int in, int out, int kernel, int stride, int padding, SplittableRandom init) {
        if (in < 1 || out < 1 || kernel < 1 || stride < 1 || padding < 0) {
            throw new IllegalArgumentException("bad convolution " + name + ": in " + in + " out " + out + " kernel " + kernel
                    + " stride " + stride + " padding " + padding);
        }
        this.in = in;
        this.out = out;
        this.stride = new Shape(stride, stride);
        this.padding = new Shape(padding, padding);
        double bound = 1 / Math.sqrt((double) in * kernel * kernel);
        this.weight = params.parameter(name + ".weight", new long[] {out, in, kernel, kernel}, Dense.uniform(init, out * in * kernel * kernel, bound));
        this.bias = params.parameter(name + ".bias", new long[] {out}, Dense.uniform(init, out, bound));
    }

    /** (batch, in, h, w) to (batch, out, h', w'); the result joins {@code x}'s manager. */
    public NDArray forward(NDArray x) {
        return ai.djl.nn.convolutional.Conv2d.conv2d(x, weight, bias, stride, padding, dilation, 1).singletonOrThrow();
    }

    public int in() {
        return in;
    }

    public int out() {
        return out;
    }

    /** Nearest-neighbour upsampling of (batch, channels, h, w) by {@code factor} on both spatial axes. */
    public static NDArray upsampleNearest(NDArray x, int factor) {
        return x.repeat(2, factor).repeat(3, factor);
    }
}
