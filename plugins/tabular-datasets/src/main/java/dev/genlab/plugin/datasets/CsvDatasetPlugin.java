package dev.genlab.plugin.datasets;

import dev.genlab.spi.Dataset;
import dev.genlab.spi.DatasetPlugin;
import dev.genlab.spi.Modality;
import java.util.Set;

/** {@code csv}: any CSV file, schema inferred or declared. */
public final class CsvDatasetPlugin implements DatasetPlugin {
    @Override
    public String name() {
        return "csv";
    }

    @Override
    public String description() {
        return "Any CSV file (UTF-8, RFC 4180 quoting): column kinds inferred or declared, bad rows reported with line numbers";
    }

    @Override
    public Set<Modality> modalities() {
        return Set.of(Modality.TABULAR);
    }

    @Override
    public Class<? extends Record> configClass() {
        return CsvConfig.class;
    }

    @Override
    public Class<? extends Dataset> datasetClass() {
        return CsvDataset.class;
    }
}
