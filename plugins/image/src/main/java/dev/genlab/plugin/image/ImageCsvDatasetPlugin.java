package dev.genlab.plugin.image;

import dev.genlab.spi.Dataset;
import dev.genlab.spi.DatasetPlugin;
import dev.genlab.spi.Modality;

import java.util.Set;

/** {@code image-csv}: the user's own images from a CSV of pixel columns. */
public final class ImageCsvDatasetPlugin implements DatasetPlugin {
    @Override
    public String name() {
        return "image-csv";
    }

    @Override
    public String description() {
        return "Your own images from a CSV file: a header, one image per line as height x width x channels pixel values (row-major, channels last), optional label column";
    }

    @Override
    public Set<Modality> modalities() {
        return Set.of(Modality.IMAGE);
    }

    @Override
    public Class<? extends Record> configClass() {
        return ImageCsvConfig.class;
    }

    @Override
    public Class<? extends Dataset> datasetClass() {
        return ImageCsvDataset.class;
    }
}
