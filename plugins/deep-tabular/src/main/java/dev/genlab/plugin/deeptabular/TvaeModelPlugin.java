package dev.genlab.plugin.deeptabular;

import dev.genlab.spi.GenerativeModel;
import dev.genlab.spi.Modality;
import dev.genlab.spi.ModelPlugin;
import java.util.Set;

/** Descriptor of the {@code tvae} model, found with {@link java.util.ServiceLoader}. */
public final class TvaeModelPlugin implements ModelPlugin {
    public static final String NAME = "tvae";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "TVAE (Xu et al. 2019): tabular variational autoencoder with mode-specific normalisation, on DJL/PyTorch";
    }

    @Override
    public Set<Modality> modalities() {
        return Set.of(Modality.TABULAR);
    }

    @Override
    public Class<? extends Record> configClass() {
        return TvaeConfig.class;
    }

    @Override
    public Class<? extends GenerativeModel> modelClass() {
        return TvaeModel.class;
    }
}
