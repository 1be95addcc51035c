package dev.genlab.plugin.datasets;

import dev.genlab.spi.Dataset;
import dev.genlab.spi.DatasetPlugin;
import dev.genlab.spi.Modality;
import java.util.Set;

/** {@code breast-cancer}: Breast Cancer Wisconsin (Diagnostic), bundled; target diagnosis. */
public final class BreastCancerDatasetPlugin implements DatasetPlugin {
    @Override
    public String name() {
        return "breast-cancer";
    }

    @Override
    public String description() {
        return "Breast Cancer Wisconsin Diagnostic (bundled, CC BY 4.0): 569 samples, 30 nucleus features; target diagnosis (malignant/benign); no sensitive attributes recorded";
    }

    @Override
    public Set<Modality> modalities() {
        return Set.of(Modality.TABULAR);
    }

    @Override
    public Class<? extends Dataset> datasetClass() {
        return BreastCancerDataset.class;
    }
}
