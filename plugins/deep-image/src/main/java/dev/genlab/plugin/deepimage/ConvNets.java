package dev.genlab.plugin.deepimage;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import dev.genlab.plugin.djl.nn.BatchNorm2d;
import dev.genlab.plugin.djl.nn.Conv2d;
import dev.genlab.plugin.djl.nn.Dense;
import dev.genlab.plugin.djl.nn.ParameterSet;
import dev.genlab.spi.ImageShape;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The convolutional halves the image models share. Both work in {@link #levels} resolution steps of 2: as many
 * halvings of height and width as keep both even and at least 2, at most 3 (8x8 digits: 8 → 4 → 2). DJL's PyTorch
 * engine has no transposed convolution, so the decoder upsamples (nearest) and convolves, which also avoids
 * checkerboard artefacts (Odena et al. 2016).
 */
final class ConvNets {
    static final int MAX_LEVELS = 3;

    private ConvNets() {
    }

    static int levels(ImageShape shape) {
        int h = shape.height();
        int w = shape.width();
        int levels = 0;
        while (levels < MAX_LEVELS && h % 2 == 0 && w % 2 == 0 && h / 2 >= 2 && w / 2 >= 2) {
            h /= 2;
            w /= 2;
            levels++;
        }
        return levels;
    }

    /**
     * Image (plus optional label maps) to a feature vector: a 3x3 convolution to {@code channels}, then per level a
     * 4x4 stride-2 convolution doubling the channels, each followed by LeakyReLU 0.2.
     */
    static final class Encoder {
        final List<Conv2d> convs = new ArrayList<>();
        final int features;

        Encoder(ParameterSet params, String name, int inChannels, ImageShape shape, int channels, SplittableRandom init) {
            int levels = levels(shape);
            convs.add(new Conv2d(params, name + ".conv0", inChannels, channels, 3, 1, 1, init));
            int c = channels;
            for (int l = 1; l <= levels; l++) {
                convs.add(new Conv2d(params, name + ".conv" + l, c, c * 2, 4, 2, 1, init));
                c *= 2;
            }
            this.features = c * (shape.height() >> levels) * (shape.width() >> levels);
        }

        /** (batch, in, h, w) to (batch, features). */
        NDArray forward(NDArray x) {
            NDArray h = x;
            for (Conv2d conv : convs) {
                h = Activation.leakyRelu(conv.forward(h), 0.2f);
            }
            return h.reshape(h.getShape().get(0), features);
        }
    }

    /**
     * A vector to an image: a dense layer to a (channels · 2^levels)-channel map at the smallest resolution, then per
     * level nearest upsampling and a 3x3 convolution halving the channels, each followed by (optional batch norm and)
     * ReLU, and a last 3x3 convolution to the image's channels. The output is raw (callers apply tanh or sigmoid).
     */
    static final class Decoder {
        final Dense input;
        final List<Conv2d> convs = new ArrayList<>();
        final List<BatchNorm2d> norms = new ArrayList<>();
        final Conv2d output;
        final int topChannels;
        final int topHeight;
        final int topWidth;
        final boolean batchNorm;

        Decoder(ParameterSet params, String name, int inDim, ImageShape shape, int channels, boolean batchNorm, SplittableRandom init) {
            int levels = levels(shape);
            this.batchNorm = batchNorm;
            this.topChannels = channels << levels;
            this.topHeight = shape.height() >> levels;
            this.topWidth = shape.width() >> levels;
            input = new Dense(params, name + ".input", inDim, topChannels * topHeight * topWidth, init);
            if (batchNorm) {
                norms.add(new BatchNorm2d(params, name + ".norm0", topChannels));
            }
            int c = topChannels;
            for (int l = 1; l <= levels; l++) {
                convs.add(new Conv2d(params, name + ".conv" + l, c, c / 2, 3, 1, 1, init));
                if (batchNorm) {
                    norms.add(new BatchNorm2d(params, name + ".norm" + l, c / 2));
                }
                c /= 2;
            }
            output = new Conv2d(params, name + ".output", c, shape.channels(), 3, 1, 1, init);
        }

        NDArray forward(NDArray z, boolean training) {
            NDArray h = input.forward(z).reshape(z.getShape().get(0), topChannels, topHeight, topWidth);
            h = Activation.relu(batchNorm ? norms.get(0).forward(h, training) : h);
            for (int l = 0; l < convs.size(); l++) {
                h = convs.get(l).forward(Conv2d.upsampleNearest(h, 2));
                h = Activation.relu(batchNorm ? norms.get(l + 1).forward(h, training) : h);
            }
            return output.forward(h);
        }
    }
}
