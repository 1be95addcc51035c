package dev.genlab.plugin.deeptabular;

import dev.genlab.spi.GenerativeModel;
import dev.genlab.spi.Modality;
import dev.genlab.spi.ModelPlugin;
import java.util.Set;

/** Descriptor of the {@code gan} model, found with {@link java.util.ServiceLoader}. */
public final class GanModelPlugin implements ModelPlugin {
    public static final String NAME = "gan";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "MLP generative adversarial network for tables (standard or WGAN-GP loss), on DJL/PyTorch";
    }

    @Override
    public Set<Modality> modalities() {
        return Set.of(Modality.TABULAR);
    }

    @Override
    public Class<? extends Record> configClass() {
        return GanConfig.class;
    }

    @Override
    public Class<? extends GenerativeModel> modelClass() {
        return GanModel.class;
    }
}
