package dev.genlab.plugin.deepimage;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.genlab.spi.ImageShape;
import dev.genlab.spi.Table;
import java.util.SplittableRandom;

/** Scaled training images on the heap and their labels, cut into (batch, channels, h, w) arrays. */
final class ImageBatches {
    final float[] images;
    final int[] labels;
    final int rows;
    final int classes;
    final ImageShape shape;

    ImageBatches(ImageCodec codec, Table table) {
        this.images = codec.encode(table);
        this.labels = codec.labels(table);
        this.rows = table.rowCount();
        this.classes = codec.classes();
        this.shape = codec.shape;
    }

    /** A seeded permutation of the rows. */
    int[] permutation(SplittableRandom random) {
        int[] order = new int[rows];
        for (int i = 0; i < rows; i++) {
            order[i] = i;
        }
        for (int i = rows - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    /** Rows {@code order[from..from+size)} (cycling when the table is smaller than a batch) as (size, c, h, w). */
    NDArray batch(NDManager manager, int[] order, int from, int size) {
        int pixels = shape.pixels();
        float[] out = new float[size * pixels];
        for (int i = 0; i < size; i++) {
            System.arraycopy(images, order[(from + i) % rows] * pixels, out, i * pixels, pixels);
        }
        return manager.create(out, new Shape(size, shape.channels(), shape.height(), shape.width()));
    }

    /** The labels of the same rows; null when unconditional. */
    int[] batchLabels(int[] order, int from, int size) {
        if (labels == null) {
            return null;
        }
        int[] out = new int[size];
        for (int i = 0; i < size; i++) {
            out[i] = labels[order[(from + i) % rows]];
        }
        return out;
    }

    /** One-hot (n, classes) rows; a missing label is a row of zeros. */
    static NDArray oneHot(NDManager manager, int[] labels, int from, int n, int classes) {
        float[] out = new float[n * classes];
        for (int i = 0; i < n; i++) {
            int code = labels[from + i];
            if (code >= 0) {
                out[i * classes + code] = 1;
            }
        }
        return manager.create(out, new Shape(n, classes));
    }

    /** One-hot labels as constant (n, classes, h, w) maps, to concatenate with image channels. */
    static NDArray labelMaps(NDArray oneHot, ImageShape shape) {
        long n = oneHot.getShape().get(0);
        long k = oneHot.getShape().get(1);
        return oneHot.reshape(n, k, 1, 1).broadcast(new Shape(n, k, shape.height(), shape.width()));
    }
}
