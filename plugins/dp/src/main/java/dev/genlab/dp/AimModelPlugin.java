package dev.genlab.dp;

import dev.genlab.spi.GenerativeModel;
import dev.genlab.spi.Modality;
import dev.genlab.spi.ModelPlugin;
import java.util.Set;

/** {@code aim}: McKenna et al.'s adaptive, workload-aware AIM over the dataset's public domain (a Private-PGM graphical model). */
public final class AimModelPlugin implements ModelPlugin {
    @Override
    public String name() {
        return "aim";
    }

    @Override
    public String description() {
        return "AIM (McKenna et al. 2022): (epsilon, delta)-differentially private synthetic tables from adaptively chosen noisy marginals "
                + "of a 2- or 3-way workload, over the dataset's public domain (Private-PGM graphical model)";
    }

    @Override
    public Set<Modality> modalities() {
        return Set.of(Modality.TABULAR);
    }

    @Override
    public Class<? extends Record> configClass() {
        return AimConfig.class;
    }

    @Override
    public Class<? extends GenerativeModel> modelClass() {
        return AimModel.class;
    }
}
