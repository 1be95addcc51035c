package dev.genlab.plugin.deeptabular;

import dev.genlab.spi.GenerativeModel;
import dev.genlab.spi.Modality;
import dev.genlab.spi.ModelPlugin;
import java.util.Set;

/** Descriptor of the {@code ctgan} model, found with {@link java.util.ServiceLoader}. */
public final class CtganModelPlugin implements ModelPlugin {
    public static final String NAME = "ctgan";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "CTGAN (Xu et al. 2019): conditional tabular GAN with mode-specific normalisation, training-by-sampling, PacGAN and WGAN-GP; conditional sampling";
    }

    @Override
    public Set<Modality> modalities() {
        return Set.of(Modality.TABULAR);
    }

    @Override
    public Class<? extends Record> configClass() {
        return CtganConfig.class;
    }

    @Override
    public Class<? extends GenerativeModel> modelClass() {
        return CtganModel.class;
    }
}
