package dev.genlab.plugin.deeptabular;

import dev.genlab.spi.GenerativeModel;
import dev.genlab.spi.Modality;
import dev.genlab.spi.ModelPlugin;
import java.util.Set;

/** Descriptor of the {@code ddpm} model, found with {@link java.util.ServiceLoader}. */
public final class DdpmModelPlugin implements ModelPlugin {
    public static final String NAME = "ddpm";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Denoising diffusion model for tables (Gaussian diffusion over the encoded row, as TabDDPM with one-hot categories), on DJL/PyTorch";
    }

    @Override
    public Set<Modality> modalities() {
        return Set.of(Modality.TABULAR);
    }

    @Override
    public Class<? extends Record> configClass() {
        return DdpmConfig.class;
    }

    @Override
    public Class<? extends GenerativeModel> modelClass() {
        return DdpmModel.class;
    }
}
