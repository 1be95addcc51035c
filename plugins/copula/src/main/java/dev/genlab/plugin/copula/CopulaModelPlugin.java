package dev.genlab.plugin.copula;

import dev.genlab.spi.GenerativeModel;
import dev.genlab.spi.Modality;
import dev.genlab.spi.ModelPlugin;
import java.util.Set;

/** Descriptor of the Gaussian copula model, found with {@link java.util.ServiceLoader}. */
public final class CopulaModelPlugin implements ModelPlugin {
    public static final String NAME = "copula";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Gaussian copula over per-column marginals: a fast baseline that keeps marginals, pairwise correlations and missing rates";
    }

    @Override
    public Set<Modality> modalities() {
        return Set.of(Modality.TABULAR);
    }

    @Override
    public Class<? extends Record> configClass() {
        return CopulaConfig.class;
    }

    @Override
    public Class<? extends GenerativeModel> modelClass() {
        return CopulaModel.class;
    }
}
