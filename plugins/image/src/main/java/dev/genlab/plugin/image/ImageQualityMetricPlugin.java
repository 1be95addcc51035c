package dev.genlab.plugin.image;

import dev.genlab.spi.Measure;
import dev.genlab.spi.Metric;
import dev.genlab.spi.MetricPlugin;
import dev.genlab.spi.MinimumSizes;
import dev.genlab.spi.Modality;

import java.util.List;
import java.util.Set;

/** {@code image-quality}: Fréchet distance and PRDC in a small classifier's feature space, and class coverage. */
public final class ImageQualityMetricPlugin implements MetricPlugin {
    @Override
    public String name() {
        return "image-quality";
    }

    @Override
    public String description() {
        return "Image quality in the feature space of a small MLP trained on the real train images: Fréchet distance "
                + "(with train and noise references), precision/recall/density/coverage, and class coverage of the samples";
    }

    @Override
    public Set<Modality> modalities() {
        return Set.of(Modality.IMAGE);
    }

    @Override
    public Class<? extends Record> configClass() {
        return ImageQualityConfig.class;
    }

    @Override
    public Class<? extends Metric> metricClass() {
        return ImageQualityMetric.class;
    }

    /**
     * The Fréchet distance is minimised; its train and noise references are information, on the same scale.
     * {@code frechet-ratio} = frechet / frechet-noise puts it on a scale that does not depend on the dataset:
     * 0 = like the real test images, 1 = like uniform noise. Density is unbounded above (1 = like real). Score
     * card: frechet-ratio passes up to 0.10 and fails above 0.30.
     */
    @Override
    public List<Measure> measures() {
        return List.of(
                Measure.minimise("frechet", 0, Double.POSITIVE_INFINITY, "Fréchet distance of synthetic vs real test images in the classifier's feature space (headline)"),
                Measure.minimise("frechet-ratio", 0, Double.POSITIVE_INFINITY, "frechet / frechet-noise: 0 = like real images, 1 = like uniform noise")
                        .withThreshold(0.10, 0.30),
                Measure.information("frechet-train", "Fréchet distance of real train vs test images: what a perfect model would get"),
                Measure.information("frechet-noise", "Fréchet distance of uniform noise vs test images: what no model gets"),
                Measure.maximise("precision", 0, 1, "share of synthetic images inside some real image's k-NN ball"),
                Measure.maximise("recall", 0, 1, "share of real images inside some synthetic image's k-NN ball"),
                Measure.maximise("density", 0, Double.POSITIVE_INFINITY, "mean count of real k-NN balls holding a synthetic image, over k (1 = like real)"),
                Measure.maximise("coverage", 0, 1, "share of real images whose k-NN ball holds a synthetic image"),
                Measure.maximise("class-coverage", 0, 1, "share of real classes given at least class-min-share of the synthetic images"),
                Measure.minimise("class-tv", 0, 1, "total variation between real label shares and predicted synthetic class shares"),
                Measure.information("classifier-accuracy", "test accuracy of the feature classifier (how much its features can be trusted)"),
                Measure.information("train_rows", "real train images used (after max-images)"),
                Measure.information("test_rows", "real test images used (after max-images)"),
                Measure.information("synthetic_rows", "synthetic images used (after max-images)"));
    }

    /**
     * 500 train, 200 test and 200 synthetic images. The feature classifier learns ten digit classes from the train
     * images (50 per class); the Fréchet distance estimates a 64 × 64 feature covariance on each side, which with
     * fewer rows than a few times 64 is singular or dominated by its estimation bias (about d/n); PRDC needs many
     * more rows than k = 5.
     */
    @Override
    public MinimumSizes minimumSizes() {
        return new MinimumSizes(500, 200, 200);
    }
}
