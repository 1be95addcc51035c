package dev.genlab.plugin.deeptabular;

import dev.genlab.spi.GenerativeModel;
import dev.genlab.spi.Modality;
import dev.genlab.spi.ModelPlugin;
import java.util.Set;

/** Descriptor of the {@code dp-tvae} model, found with {@link java.util.ServiceLoader}. */
public final class DpTvaeModelPlugin implements ModelPlugin {
    public static final String NAME = "dp-tvae";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "TVAE trained with DP-SGD (per-example clipping, Gaussian noise, Poisson sampling, RDP accounting): (epsilon, delta)-DP network training";
    }

    @Override
    public Set<Modality> modalities() {
        return Set.of(Modality.TABULAR);
    }

    @Override
    public Class<? extends Record> configClass() {
        return DpTvaeConfig.class;
    }

    @Override
    public Class<? extends GenerativeModel> modelClass() {
        return DpTvaeModel.class;
    }
}
