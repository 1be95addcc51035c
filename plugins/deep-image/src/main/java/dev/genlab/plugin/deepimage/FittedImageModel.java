package dev.genlab.plugin.deepimage;

import ai.djl.ndarray.NDManager;
import dev.genlab.plugin.djl.DeviceChoice;
import dev.genlab.plugin.djl.DjlEngine;
import dev.genlab.plugin.djl.nn.Weights;
import dev.genlab.spi.Data;
import dev.genlab.spi.FittedModel;
import dev.genlab.spi.Seeds;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * What the image models share once fitted: the codec, the weights on the heap (no native memory is held between
 * calls) and the architecture. Each sample builds the network in a fresh manager and generates images in chunks;
 * labels come from the training shares (or the condition), and the same seed gives the same images.
 */
abstract class FittedImageModel implements FittedModel {
    /** Images generated per forward pass when sampling. */
    static final int CHUNK = 1000;

    final String model;
    final ImageCodec codec;
    final Weights weights;
    final Map<String, String> architecture;
    final DeviceChoice device;

    FittedImageModel(String model, ImageCodec codec, Weights weights, Map<String, String> architecture, DeviceChoice device) {
        this.model = model;
        this.codec = codec;
        this.weights = weights;
        this.architecture = Map.copyOf(architecture);
        this.device = device;
    }

    @Override
    public Data sample(int n, long seed) {
        return sample(n, seed, codec.drawLabels(Math.max(n, 0), Seeds.random(seed, "labels")));
    }

    @Override
    public Data sample(int n, long seed, Map<String, String> conditions) {
        if (conditions.isEmpty()) {
            return sample(n, seed);
        }
        return sample(n, seed, codec.conditionLabels(Math.max(n, 0), conditions, model));
    }

    @Override
    public boolean supportsConditions() {
        return codec.conditional();
    }

    private Data sample(int n, long seed, int[] labels) {
        if (n < 0) {
            throw new IllegalArgumentException("cannot sample " + n + " images");
        }
        float[] images = new float[n * codec.pixels()];
        if (n > 0) {
            try (NDManager manager = DjlEngine.newManager(DjlEngine.device(device))) {
                images = generate(manager, n, labels, seed);
            }
        }
        return codec.decode(images, n, labels);
    }

    /** {@code n} images in [-1, 1], (row, channel, y, x) order; {@code labels} null when unconditional. */
    abstract float[] generate(NDManager manager, int n, int[] labels, long seed);

    int integer(String key) {
        return Integer.parseInt(architecture.get(key));
    }

    @Override
    public void save(Path directory) throws IOException {
        new SavedImageModel(model, architecture, codec, weights).write(directory);
    }
}
