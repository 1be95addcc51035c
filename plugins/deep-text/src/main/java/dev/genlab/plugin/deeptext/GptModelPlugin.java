package dev.genlab.plugin.deeptext;

import dev.genlab.spi.GenerativeModel;
import dev.genlab.spi.Modality;
import dev.genlab.spi.ModelPlugin;
import java.util.Set;

/** Descriptor of the {@code gpt} model, found with {@link java.util.ServiceLoader}. */
public final class GptModelPlugin implements ModelPlugin {
    public static final String NAME = "gpt";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Tiny character-level GPT (decoder-only transformer, causal self-attention, pre-LayerNorm); samples documents and scores held-out text (perplexity), on DJL/PyTorch";
    }

    @Override
    public Set<Modality> modalities() {
        return Set.of(Modality.TEXT);
    }

    @Override
    public Class<? extends Record> configClass() {
        return GptConfig.class;
    }

    @Override
    public Class<? extends GenerativeModel> modelClass() {
        return GptModel.class;
    }
}
