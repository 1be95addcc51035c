package dev.genlab.plugin.text;

import dev.genlab.spi.Corpus;
import dev.genlab.spi.EvaluationInput;
import dev.genlab.spi.FittedModel;
import dev.genlab.spi.Metric;
import dev.genlab.spi.MetricResult;
import dev.genlab.spi.PluginContext;
import dev.genlab.spi.TextLikelihood;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Held-out perplexity of the fitted model on the real test documents, next to a character unigram baseline fitted
 * on the real training documents ({@link UnigramModel}) and scored on the same documents, so a reader sees at once
 * whether the model learned more than character frequencies.
 */
public final class PerplexityMetric implements Metric {
    static final String NO_LIKELIHOODS = "model gives no likelihoods; perplexity needs a model such as char-rnn or gpt; remove 'perplexity' from metrics";

    private final PerplexityConfig config;

    @Inject
    public PerplexityMetric(PerplexityConfig config) {
        this.config = config;
    }

    @Override
    public MetricResult evaluate(EvaluationInput input, PluginContext context) {
        FittedModel fitted = input.model().orElseThrow(() -> new IllegalStateException(NO_LIKELIHOODS));
        if (!(fitted instanceof TextLikelihood model)) {
            throw new IllegalStateException(NO_LIKELIHOODS);
        }
        Corpus train = input.train().asCorpus();
        Corpus test = input.test().asCorpus();
        if (test.size() == 0) {
            throw new IllegalStateException("the test set is empty; perplexity scores held-out documents: set split.test above 0");
        }
        test = Documents.atMost(test, config.maxDocuments(), context.random("documents"));
        long expected = UnigramModel.tokens(test);
        TextLikelihood.NegativeLogLikelihood scored = model.score(test);
        if (scored.tokens() != expected) {
            // a different token count would make the model's perplexity incomparable with the baseline (and other models)
            throw new IllegalStateException("the model scored " + scored.tokens() + " tokens on " + test.size() + " held-out documents, expected "
                    + expected + " (every character plus one end-of-document token per document); its perplexity would not be comparable");
        }
        TextLikelihood.NegativeLogLikelihood baseline = UnigramModel.fit(train).score(test);
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("perplexity", scored.perplexity());
        values.put("bits-per-char", scored.bitsPerToken());
        values.put("unigram-perplexity", baseline.perplexity());
        values.put("unigram-bits-per-char", baseline.bitsPerToken());
        values.put("ratio", scored.perplexity() / baseline.perplexity());
        values.put("documents", (double) test.size());
        values.put("tokens", (double) expected);
        return new MetricResult(values, "perplexity");
    }
}
