package dev.genlab.plugin.deepimage;

import dev.genlab.spi.GenerativeModel;
import dev.genlab.spi.Modality;
import dev.genlab.spi.ModelPlugin;
import java.util.Set;

/** Descriptor of the {@code image-ddpm} image model, found with {@link java.util.ServiceLoader}. */
public final class ImageDdpmModelPlugin implements ModelPlugin {
    public static final String NAME = "image-ddpm";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "DDPM (Ho et al. 2020) for images: a small convolutional denoiser with a sinusoidal step embedding, optionally conditional on the class label, on DJL/PyTorch";
    }

    @Override
    public Set<Modality> modalities() {
        return Set.of(Modality.IMAGE);
    }

    @Override
    public Class<? extends Record> configClass() {
        return ImageDdpmConfig.class;
    }

    @Override
    public Class<? extends GenerativeModel> modelClass() {
        return ImageDdpmModel.class;
    }
}
