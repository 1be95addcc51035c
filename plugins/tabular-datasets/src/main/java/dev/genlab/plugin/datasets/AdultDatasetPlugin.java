package dev.genlab.plugin.datasets;

import dev.genlab.spi.Dataset;
import dev.genlab.spi.DatasetPlugin;
import dev.genlab.spi.Modality;
import java.util.Set;

/** {@code adult}: UCI Adult (census income), bundled; target income, sensitive sex and race. */
public final class AdultDatasetPlugin implements DatasetPlugin {
    @Override
    public String name() {
        return "adult";
    }

    @Override
    public String description() {
        return "UCI Adult census income (bundled, CC BY 4.0): 32,561 train + 16,281 test rows; target income, sensitive sex and race";
    }

    @Override
    public Set<Modality> modalities() {
        return Set.of(Modality.TABULAR);
    }

    @Override
    public Class<? extends Record> configClass() {
        return AdultConfig.class;
    }

    @Override
    public Class<? extends Dataset> datasetClass() {
        return AdultDataset.class;
    }
}
