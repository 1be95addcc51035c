package dev.genlab.plugin.text;

import dev.genlab.spi.Measure;
import dev.genlab.spi.Metric;
import dev.genlab.spi.MetricPlugin;
import dev.genlab.spi.MinimumSizes;
import dev.genlab.spi.Modality;
import java.util.List;
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

    /**
     * Perplexity and bits per character of the model are minimised; the unigram baseline's are the reference.
     * {@code ratio} = model perplexity / unigram perplexity: 1 = the model learned no more than character
     * frequencies. Score card: ratio passes up to 0.40, just below the 0.42 of an add-one character bigram on tiny
     * Shakespeare (so a model must learn more than pairs of characters to pass), and fails above 0.9.
     */
    @Override
    public List<Measure> measures() {
        return List.of(
                Measure.minimise("perplexity", 1, Double.POSITIVE_INFINITY, "held-out perplexity per character of the model (headline)"),
                Measure.minimise("bits-per-char", 0, Double.POSITIVE_INFINITY, "held-out bits per character of the model"),
                Measure.minimise("ratio", 0, Double.POSITIVE_INFINITY, "model perplexity / unigram perplexity: below 1 = learned more than character frequencies")
                        .withThreshold(0.40, 0.9),
                Measure.information("unigram-*", "perplexity or bits per character of the character unigram baseline (the reference)"),
                Measure.information("documents", "held-out documents scored (after max-documents)"),
                Measure.information("tokens", "tokens scored: characters plus one end-of-document token per document"));
    }

    /**
     * 20 training and 20 test documents: the baseline's character frequencies come from the training documents
     * and a perplexity averaged over a handful of held-out documents says more about those documents than about
     * the model. Synthetic documents are not used.
     */
    @Override
    public MinimumSizes minimumSizes() {
        return new MinimumSizes(20, 20, 1);
    }
}
