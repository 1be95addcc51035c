package dev.genlab.plugin.text;

import dev.genlab.spi.Metric;
import dev.genlab.spi.MetricPlugin;
import dev.genlab.spi.Modality;
import java.util.Set;

/** {@code perplexity}: held-out perplexity of a text model that gives likelihoods, with a unigram baseline. */
public final class PerplexityMetricPlugin implements MetricPlugin {
    @Override
    public String name() {
        return "perplexity";
    }

    @Override
    public String description() {
        return "Held-out perplexity and bits per character of a text model that gives likelihoods (char-rnn, gpt),"
                + " beside a character unigram baseline fitted on the training text";
    }

    @Override
    public Set<Modality> modalities() {
        return Set.of(Modality.TEXT);
    }

    @Override
    public Class<? extends Record> configClass() {
        return PerplexityConfig.class;
    }

    @Override
    public Class<? extends Metric> metricClass() {
        return PerplexityMetric.class;
    }
}
