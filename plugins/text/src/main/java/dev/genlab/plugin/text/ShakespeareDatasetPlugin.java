package dev.genlab.plugin.text;

import dev.genlab.spi.Dataset;
import dev.genlab.spi.DatasetPlugin;
import dev.genlab.spi.Modality;
import java.util.Set;

/** {@code shakespeare}: the bundled tiny Shakespeare corpus, one document per speech (or line). */
public final class ShakespeareDatasetPlugin implements DatasetPlugin {
    @Override
    public String name() {
        return "shakespeare";
    }

    @Override
    public String description() {
        return "Tiny Shakespeare (1.1 MB, bundled): one document per speech (about 7,200) or per line, for character-level text models";
    }

    @Override
    public Set<Modality> modalities() {
        return Set.of(Modality.TEXT);
    }

    @Override
    public Class<? extends Record> configClass() {
        return ShakespeareConfig.class;
    }

    @Override
    public Class<? extends Dataset> datasetClass() {
        return ShakespeareDataset.class;
    }
}
