package dev.genlab.plugin.deepimage;

import dev.genlab.spi.GenerativeModel;
import dev.genlab.spi.Modality;
import dev.genlab.spi.ModelPlugin;
import java.util.Set;

/** Descriptor of the {@code vae} image model, found with {@link java.util.ServiceLoader}. */
public final class VaeModelPlugin implements ModelPlugin {
    public static final String NAME = "vae";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Convolutional variational autoencoder for images (Kingma and Welling 2014), optionally conditional on the class label, on DJL/PyTorch";
    }

    @Override
    public Set<Modality> modalities() {
        return Set.of(Modality.IMAGE);
    }

    @Override
    public Class<? extends Record> configClass() {
        return VaeConfig.class;
    }

    @Override
    public Class<? extends GenerativeModel> modelClass() {
        return VaeModel.class;
    }
}
