package dev.genlab.plugin.datasets;

import dev.genlab.spi.Dataset;
import dev.genlab.spi.DatasetPlugin;
import dev.genlab.spi.Modality;
import java.util.Set;

/** {@code diabetes}: the diabetes data of Efron et al. 2004, bundled; numeric target progression, sensitive sex and age-group. */
public final class DiabetesDatasetPlugin implements DatasetPlugin {
    @Override
    public String name() {
        return "diabetes";
    }

    @Override
    public String description() {
        return "Diabetes progression of Efron et al. 2004 (bundled from scikit-learn, BSD-3): 442 patients, 10 baseline variables; numeric target progression, sensitive sex and age-group";
    }

    @Override
    public Set<Modality> modalities() {
        return Set.of(Modality.TABULAR);
    }

    @Override
    public Class<? extends Dataset> datasetClass() {
        return DiabetesDataset.class;
    }
}
