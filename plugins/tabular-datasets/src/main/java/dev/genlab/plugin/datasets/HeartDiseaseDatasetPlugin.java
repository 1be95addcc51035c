package dev.genlab.plugin.datasets;

import dev.genlab.spi.Dataset;
import dev.genlab.spi.DatasetPlugin;
import dev.genlab.spi.Modality;
import java.util.Set;

/** {@code heart-disease}: UCI Heart Disease (Cleveland), bundled; target num, sensitive sex and age-group. */
public final class HeartDiseaseDatasetPlugin implements DatasetPlugin {
    @Override
    public String name() {
        return "heart-disease";
    }

    @Override
    public String description() {
        return "UCI Heart Disease, Cleveland (bundled, CC BY 4.0): 303 patients, 14 attributes; target num (disease absent/present), sensitive sex and age-group";
    }

    @Override
    public Set<Modality> modalities() {
        return Set.of(Modality.TABULAR);
    }

    @Override
    public Class<? extends Record> configClass() {
        return HeartDiseaseConfig.class;
    }

    @Override
    public Class<? extends Dataset> datasetClass() {
        return HeartDiseaseDataset.class;
    }
}
