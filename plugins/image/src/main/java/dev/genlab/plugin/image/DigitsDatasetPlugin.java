package dev.genlab.plugin.image;

import dev.genlab.spi.Dataset;
import dev.genlab.spi.DatasetPlugin;
import dev.genlab.spi.Modality;

import java.util.Set;

/** {@code digits}: the bundled 8x8 handwritten digits. */
public final class DigitsDatasetPlugin implements DatasetPlugin {
    @Override
    public String name() {
        return "digits";
    }

    @Override
    public String description() {
        return "The bundled 8x8 handwritten digits (1,797 images, 64 pixel columns p0..p63 in 0..16, target label 0..9; UCI, CC BY 4.0)";
    }

    @Override
    public Set<Modality> modalities() {
        return Set.of(Modality.IMAGE);
    }

    @Override
    public Class<? extends Dataset> datasetClass() {
        return DigitsDataset.class;
    }
}
