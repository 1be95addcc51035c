package dev.genlab.plugin.image;

import dev.genlab.spi.Metric;
import dev.genlab.spi.MetricPlugin;
import dev.genlab.spi.Modality;

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
}
