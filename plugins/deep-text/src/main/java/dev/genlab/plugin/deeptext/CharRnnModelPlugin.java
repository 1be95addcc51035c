package dev.genlab.plugin.deeptext;

import dev.genlab.spi.GenerativeModel;
import dev.genlab.spi.Modality;
import dev.genlab.spi.ModelPlugin;
import java.util.Set;

/** Descriptor of the {@code char-rnn} model, found with {@link java.util.ServiceLoader}. */
public final class CharRnnModelPlugin implements ModelPlugin {
    public static final String NAME = "char-rnn";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Character-level LSTM/GRU language model (char-rnn) with truncated BPTT; samples documents and scores held-out text (perplexity), on DJL/PyTorch";
    }

    @Override
    public Set<Modality> modalities() {
        return Set.of(Modality.TEXT);
    }

    @Override
    public Class<? extends Record> configClass() {
        return CharRnnConfig.class;
    }

    @Override
    public Class<? extends GenerativeModel> modelClass() {
        return CharRnnModel.class;
    }
}
