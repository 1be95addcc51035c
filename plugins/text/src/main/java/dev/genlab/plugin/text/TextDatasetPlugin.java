package dev.genlab.plugin.text;

import dev.genlab.spi.Dataset;
import dev.genlab.spi.DatasetPlugin;
import dev.genlab.spi.Modality;
import java.util.Set;

/** {@code text}: any local UTF-8 text file, cut into paragraphs, lines or kept whole. */
public final class TextDatasetPlugin implements DatasetPlugin {
    @Override
    public String name() {
        return "text";
    }

    @Override
    public String description() {
        return "Any local UTF-8 text file (e.g. music in ABC notation) as documents: paragraphs, lines or the whole file";
    }

    @Override
    public Set<Modality> modalities() {
        return Set.of(Modality.TEXT);
    }

    @Override
    public Class<? extends Record> configClass() {
        return TextConfig.class;
    }

    @Override
    public Class<? extends Dataset> datasetClass() {
        return TextDataset.class;
    }
}
