package dev.genlab.plugin.deeptabular;

import dev.genlab.spi.Dataset;
import dev.genlab.spi.DatasetPlugin;
import dev.genlab.spi.Modality;
import java.util.Set;

/** Descriptor of the {@code toy-8gaussians} dataset, found with {@link java.util.ServiceLoader}. */
public final class EightGaussiansDatasetPlugin implements DatasetPlugin {
    public static final String NAME = "toy-8gaussians";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Toy data: points (x, y) from a ring of 8 Gaussians, to see GAN mode collapse";
    }

    @Override
    public Set<Modality> modalities() {
        return Set.of(Modality.TABULAR);
    }

    @Override
    public Class<? extends Record> configClass() {
        return EightGaussiansConfig.class;
    }

    @Override
    public Class<? extends Dataset> datasetClass() {
        return EightGaussiansDataset.class;
    }
}
