package dev.genlab.plugin.image;

import dev.genlab.spi.Column;
import dev.genlab.spi.EvaluationInput;
import dev.genlab.spi.ImageShape;
import dev.genlab.spi.Metric;
import dev.genlab.spi.MetricResult;
import dev.genlab.spi.PluginContext;
import dev.genlab.spi.Progress;
import dev.genlab.spi.Schema;
import dev.genlab.spi.Table;
import jakarta.inject.Inject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Compares synthetic images with real ones in a learned feature space. A small MLP ({@link MlpClassifier}) is trained,
 * once per evaluation and seeded from the run, on the real train images and their labels; an image's features are
 * its last hidden layer. In that space: the Fréchet distance of synthetic vs real test images (headline), with two
 * references on the same scale (train vs test: what a perfect model would get; uniform noise vs test: what no model
 * gets), PRDC against the test images, and, through the classifier's predictions, how the synthetic images spread
 * over the classes. This is not Inception-FID: numbers are comparable only within genlab, on one dataset, with the
 * same settings.
 *
 * <p>Without a categorical target the features are a seeded Gaussian random projection of the pixels to 64
 * dimensions, and the classifier-based values are NaN.
 */
public final class ImageQualityMetric implements Metric {
    static final String ARTIFACT_DIRECTORY = "image-quality/";
    /** Width of the random-projection features used when the images have no labels. */
    static final int PROJECTION = MlpClassifier.HIDDEN2;
    private static final int GRID_COLUMNS = 8;

    private final ImageQualityConfig config;

    @Inject
    public ImageQualityMetric(ImageQualityConfig config) {
        this.config = Objects.requireNonNull(config, "config is null");
    }

    @Override
    public MetricResult evaluate(EvaluationInput input, PluginContext context) {
        Table fullTrain = input.train().asTable();
        Schema schema = fullTrain.schema();
        ImageShape shape = schema.imageShape().orElseThrow(() -> new IllegalArgumentException(
                "image-quality needs image data (a table with an image shape), got " + schema.modality() + " data"));
        Table test = input.test().asTable();
        Table synthetic = input.synthetic().asTable();
        requireShape("test", test, shape);
        requireShape("synthetic", synthetic, shape);

        SplittableRandom subsample = context.random("image-quality.subsample");
        Table train = atMost(fullTrain, subsample);
        test = atMost(test, subsample);
        synthetic = atMost(synthetic, subsample);
        double[][] trainImages = checked("train", ImagePixels.images(train));
        double[][] testImages = checked("test", ImagePixels.images(test));
        double[][] syntheticImages = checked("synthetic", ImagePixels.images(synthetic));

        double[] range = range(ImagePixels.images(fullTrain));
        double low = range[0];
        double high = range[1];
        double[][] noiseImages = noise(testImages.length, shape.pixels(), low, high, context.random("image-quality.noise"));

        Optional<Column> target = schema.target().map(schema::column).filter(Column::isCategorical);
        Map<String, Double> values = new LinkedHashMap<>();
        Features features;
        if (target.isPresent() && target.get().levels().size() >= 2 && labelled(train.codes(schema.requireIndex(target.get().name()))) >= 2) {
            features = classifierFeatures(train, test, target.get(), low, high, context);
        } else {
            features = projectionFeatures(shape.pixels(), low, high, context.random("image-quality.projection"));
        }
        double[][] fTrain = features.of(trainImages);
        double[][] fTest = features.of(testImages);
        double[][] fSynthetic = features.of(syntheticImages);
        double[][] fNoise = features.of(noiseImages);

        double frechet = Frechet.distance(fTest, fSynthetic);
        double frechetNoise = Frechet.distance(fNoise, fTest);
        values.put("frechet", frechet);
        values.put("frechet-ratio", frechetRatio(frechet, frechetNoise));
        values.put("frechet-train", Frechet.distance(fTrain, fTest));
        values.put("frechet-noise", frechetNoise);
        Prdc prdc = Prdc.of(fTest, fSynthetic, config.k());
        values.put("precision", prdc.precision());
        values.put("recall", prdc.recall());
        values.put("density", prdc.density());
        values.put("coverage", prdc.coverage());
        if (features instanceof ClassifierFeatures c) {
            values.put("classifier-accuracy", c.accuracy(fTest, test.codes(schema.requireIndex(target.get().name()))));
            double[] real = shares(fullTrain.codes(schema.requireIndex(target.get().name())), c.classes());
            double[] fake = shares(c.mlp().predictFromFeatures(fSynthetic), c.classes());
            values.put("class-coverage", fSynthetic.length == 0 ? Double.NaN : classCoverage(real, fake, config.classMinShare()));
            values.put("class-tv", fSynthetic.length == 0 ? Double.NaN : totalVariation(real, fake));
        } else {
            values.put("classifier-accuracy", Double.NaN);
            values.put("class-coverage", Double.NaN);
            values.put("class-tv", Double.NaN);
        }
        values.put("train_rows", (double) trainImages.length);
        values.put("test_rows", (double) testImages.length);
        values.put("synthetic_rows", (double) syntheticImages.length);

        writeGrids(context, shape, low, high, ImagePixels.images(input.synthetic().asTable()), ImagePixels.images(fullTrain));
        return new MetricResult(values, "frechet");
    }

    /**
     * The Fréchet distance on the scale of the noise reference: 0 = like the real test images, 1 = as far as
     * uniform noise. Comparable across datasets and feature spaces, unlike the raw distance; NaN when the noise
     * reference is 0 or undefined.
     */
    static double frechetRatio(double frechet, double frechetNoise) {
        return frechetNoise > 0 ? frechet / frechetNoise : Double.NaN;
    }

    /** Share of the classes present in the real data that get at least {@code minShare} of the synthetic images. */
    static double classCoverage(double[] real, double[] synthetic, double minShare) {
        int present = 0;
        int covered = 0;
        for (int c = 0; c < real.length; c++) {
            if (real[c] > 0) {
                present++;
                if (synthetic[c] >= minShare) {
                    covered++;
                }
            }
        }
        return present == 0 ? Double.NaN : (double) covered / present;
    }

    /** Total variation distance ½ Σ |p − q|. */
    static double totalVariation(double[] p, double[] q) {
        double s = 0;
        for (int i = 0; i < p.length; i++) {
            s += Math.abs(p[i] - q[i]);
        }
        return s / 2;
    }

    /** Share of each class among the non-missing codes (all 0 if there are none). */
    static double[] shares(int[] codes, int classes) {
        double[] shares = new double[classes];
        int n = 0;
        for (int code : codes) {
            if (code >= 0) {
                shares[code]++;
                n++;
            }
        }
        for (int c = 0; c < classes && n > 0; c++) {
            shares[c] /= n;
        }
        return shares;
    }

    private Features classifierFeatures(Table train, Table test, Column target, double low, double high, PluginContext context) {
        int[] codes = train.codes(train.schema().requireIndex(target.name()));
        double[][] images = ImagePixels.images(train);
        List<double[]> x = new ArrayList<>();
        List<Integer> y = new ArrayList<>();
        for (int r = 0; r < codes.length; r++) {
            if (codes[r] >= 0) {
                x.add(scale(images[r], low, high));
                y.add(codes[r]);
            }
        }
        int classes = target.levels().size();
        MlpClassifier mlp;
        try (Progress progress = context.progress("image-quality classifier", config.classifierEpochs(), "epoch")) {
            mlp = MlpClassifier.train(x.toArray(double[][]::new), y.stream().mapToInt(Integer::intValue).toArray(), classes,
                    config.classifierEpochs(), context.random("image-quality.classifier"), epoch -> {
                        progress.advance(1);
                        context.checkCancelled();
                    });
        }
        return new ClassifierFeatures(mlp, classes, low, high);
    }

    private static Features projectionFeatures(int pixels, double low, double high, SplittableRandom random) {
        double[][] w = new double[PROJECTION][pixels];
        double sd = 1 / Math.sqrt(pixels);
        for (double[] row : w) {
            for (int i = 0; i < pixels; i++) {
                row[i] = random.nextGaussian() * sd;
            }
        }
        return images -> {
            double[][] out = new double[images.length][PROJECTION];
            for (int r = 0; r < images.length; r++) {
                double[] x = scale(images[r], low, high);
                for (int o = 0; o < PROJECTION; o++) {
                    double s = 0;
                    for (int i = 0; i < pixels; i++) {
                        s += w[o][i] * x[i];
                    }
                    out[r][o] = s;
                }
            }
            return out;
        };
    }

    /** Maps images to feature vectors. */
    private interface Features {
        double[][] of(double[][] images);
    }

    private record ClassifierFeatures(MlpClassifier mlp, int classes, double low, double high) implements Features {
        @Override
        public double[][] of(double[][] images) {
            double[][] scaled = new double[images.length][];
            for (int i = 0; i < images.length; i++) {
                scaled[i] = scale(images[i], low, high);
            }
            return mlp.features(scaled);
        }

        /** Accuracy on the labelled rows; NaN if none. */
        double accuracy(double[][] features, int[] codes) {
            int[] predicted = mlp.predictFromFeatures(features);
            int right = 0;
            int n = 0;
            for (int i = 0; i < codes.length; i++) {
                if (codes[i] >= 0) {
                    n++;
                    right += predicted[i] == codes[i] ? 1 : 0;
                }
            }
            return n == 0 ? Double.NaN : (double) right / n;
        }
    }

    private void writeGrids(PluginContext context, ImageShape shape, double low, double high, double[][] synthetic, double[][] real) {
        if (config.gridImages() == 0) {
            return;
        }
        try {
            if (synthetic.length > 0) {
                context.artifacts().write(ARTIFACT_DIRECTORY + "samples.png", ImageGrids.png(first(synthetic), shape, low, high, GRID_COLUMNS));
            }
            context.artifacts().write(ARTIFACT_DIRECTORY + "real.png", ImageGrids.png(first(real), shape, low, high, GRID_COLUMNS));
        } catch (IOException e) {
            throw new UncheckedIOException("writing the image-quality grids", e);
        }
    }

    private List<double[]> first(double[][] images) {
        return Arrays.asList(images).subList(0, Math.min(images.length, config.gridImages()));
    }

    private static double[] scale(double[] image, double low, double high) {
        double[] out = new double[image.length];
        double span = high - low;
        for (int i = 0; i < image.length; i++) {
            out[i] = (image[i] - low) / span;
        }
        return out;
    }

    /** Uniform random images over the real pixel range. */
    static double[][] noise(int n, int pixels, double low, double high, SplittableRandom random) {
        double[][] out = new double[n][pixels];
        for (double[] image : out) {
            for (int i = 0; i < pixels; i++) {
                image[i] = low + (high - low) * random.nextDouble();
            }
        }
        return out;
    }

    /** Smallest and largest real train pixel value (a unit span if they are equal). */
    private static double[] range(double[][] images) {
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (double[] image : images) {
            for (double v : image) {
                if (!Double.isNaN(v)) {
                    low = Math.min(low, v);
                    high = Math.max(high, v);
                }
            }
        }
        if (low > high) {
            throw new IllegalArgumentException("image-quality needs real train images, got none");
        }
        return high > low ? new double[] {low, high} : new double[] {low, low + 1};
    }

    private static int labelled(int[] codes) {
        int n = 0;
        for (int code : codes) {
            n += code >= 0 ? 1 : 0;
        }
        return n;
    }

    private Table atMost(Table table, SplittableRandom random) {
        int max = config.maxImages();
        if (max == 0 || table.rowCount() <= max) {
            return table;
        }
        int n = table.rowCount();
        int[] all = new int[n];
        Arrays.setAll(all, i -> i);
        for (int i = 0; i < max; i++) {
            int j = i + random.nextInt(n - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        int[] chosen = Arrays.copyOf(all, max);
        Arrays.sort(chosen);
        return table.rows(chosen);
    }

    private static void requireShape(String side, Table table, ImageShape shape) {
        Optional<ImageShape> other = table.schema().imageShape();
        if (other.isEmpty() || !other.get().equals(shape)) {
            throw new IllegalArgumentException("image-quality: the " + side + " images have shape "
                    + other.map(s -> s.height() + "x" + s.width() + "x" + s.channels()).orElse("(none)")
                    + " but the train images " + shape.height() + "x" + shape.width() + "x" + shape.channels());
        }
    }

    private static double[][] checked(String side, double[][] images) {
        for (int r = 0; r < images.length; r++) {
            for (double v : images[r]) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("image-quality: " + side + " image " + r + " has a missing or infinite pixel ("
                            + v + "); the metric needs complete images");
                }
            }
        }
        return images;
    }
}
