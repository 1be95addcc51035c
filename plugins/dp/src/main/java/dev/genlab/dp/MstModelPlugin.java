package dev.genlab.dp;

import dev.genlab.spi.GenerativeModel;
import dev.genlab.spi.Modality;
import dev.genlab.spi.ModelPlugin;
import java.util.Set;

/** {@code mst}: McKenna, Miklau &amp; Sheldon's differentially private MST over the dataset's public domain. */
public final class MstModelPlugin implements ModelPlugin {
    @Override
    public String name() {
        return "mst";
    }

    @Override
    public String description() {
        return "MST (McKenna et al. 2021): (epsilon, delta)-differentially private synthetic tables from noisy 1- and 2-way marginals "
                + "over the dataset's public domain";
    }

    @Override
    public Set<Modality> modalities() {
        return Set.of(Modality.TABULAR);
    }

    @Override
    public Class<? extends Record> configClass() {
        return MstConfig.class;
    }

    @Override
    public Class<? extends GenerativeModel> modelClass() {
        return MstModel.class;
    }
}
