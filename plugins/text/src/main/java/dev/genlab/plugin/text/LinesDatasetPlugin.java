package dev.genlab.plugin.text;

import dev.genlab.spi.Dataset;
import dev.genlab.spi.DatasetPlugin;
import dev.genlab.spi.Modality;
import java.util.Set;

/** {@code lines}: one document per non-blank line of a local UTF-8 file. */
public final class LinesDatasetPlugin implements DatasetPlugin {
    @Override
    public String name() {
        return "lines";
    }

    @Override
    public String description() {
        return "A local UTF-8 file with one document per line (blank lines skipped), e.g. names or one tune per line";
    }

    @Override
    public Set<Modality> modalities() {
        return Set.of(Modality.TEXT);
    }

    @Override
    public Class<? extends Record> configClass() {
        return LinesConfig.class;
    }

    @Override
    public Class<? extends Dataset> datasetClass() {
        return LinesDataset.class;
    }
}
