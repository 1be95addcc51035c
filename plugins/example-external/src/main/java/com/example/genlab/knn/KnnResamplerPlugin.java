package com.example.genlab.knn;

import dev.genlab.spi.GenerativeModel;
import dev.genlab.spi.Modality;
import dev.genlab.spi.ModelPlugin;
import java.util.Set;

/** The descriptor genlab finds through META-INF/services/dev.genlab.spi.ModelPlugin. */
public final class KnnResamplerPlugin implements ModelPlugin {
    @Override
    public String name() {
        return "knn-resampler";
    }

    @Override
    public String description() {
        return "Interpolates between a training row and one of its k nearest neighbours, plus noise (SMOTE-style); an example third-party plugin";
    }

    @Override
    public Set<Modality> modalities() {
        return Set.of(Modality.TABULAR);
    }

    @Override
    public Class<? extends Record> configClass() {
        return KnnConfig.class;
    }

    @Override
    public Class<? extends GenerativeModel> modelClass() {
        return KnnResamplerModel.class;
    }
}
