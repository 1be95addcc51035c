package dev.genlab.plugin.deepimage;

import dev.genlab.spi.GenerativeModel;
import dev.genlab.spi.Modality;
import dev.genlab.spi.ModelPlugin;
import java.util.Set;

/** Descriptor of the {@code dcgan} image model, found with {@link java.util.ServiceLoader}. */
public final class DcganModelPlugin implements ModelPlugin {
    public static final String NAME = "dcgan";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "DCGAN (Radford et al. 2016) for images: upsampling-convolution generator and convolutional discriminator, optionally conditional on the class label, on DJL/PyTorch";
    }

    @Override
    public Set<Modality> modalities() {
        return Set.of(Modality.IMAGE);
    }

    @Override
    public Class<? extends Record> configClass() {
        return DcganConfig.class;
    }

    @Override
    public Class<? extends GenerativeModel> modelClass() {
        return DcganModel.class;
    }
}
