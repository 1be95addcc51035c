package dev.genlab.plugin.text;

import dev.genlab.spi.Measure;
import dev.genlab.spi.Metric;
import dev.genlab.spi.MetricPlugin;
import dev.genlab.spi.MinimumSizes;
import dev.genlab.spi.Modality;
import java.util.List;
import java.util.Set;

/** {@code text-quality}: distinct-n, novelty against the training text, self-BLEU and length of generated text. */
public final class TextQualityMetricPlugin implements MetricPlugin {
    @Override
    public String name() {
        return "text-quality";
    }

    @Override
    public String description() {
        return "Generated text: distinct-1/2/3, novelty of word n-grams against the training text (memorisation), self-BLEU, mean length;"
                + " writes sample texts";
    }

    @Override
    public Set<Modality> modalities() {
        return Set.of(Modality.TEXT);
    }

    @Override
    public Class<? extends Record> configClass() {
        return TextQualityConfig.class;
    }

    @Override
    public Class<? extends Metric> metricClass() {
        return TextQualityMetric.class;
    }

    /** Diversity (distinct-n, novelty) is maximised and self-BLEU (sameness between documents) minimised. */
    @Override
    public List<Measure> measures() {
        return List.of(
                Measure.maximise("distinct-*", 0, 1, "distinct word n-grams / all word n-grams of the generated text (distinct-2 is the headline)"),
                Measure.maximise("novelty-*", 0, 1, "share of generated word n-grams found nowhere in the training text"),
                Measure.minimise("self-bleu", 0, 1, "mean BLEU of each generated document against the others: 1 = all alike"),
                Measure.information("mean-length", "mean characters per generated document"),
                Measure.information("documents", "generated documents"));
    }

    /**
     * 20 training and 20 synthetic documents: distinct-n and self-BLEU describe a set of documents (self-BLEU
     * compares each with the others, so a handful gives a handful of comparisons), and novelty against a tiny
     * training text is trivially high. The test split is not used.
     */
    @Override
    public MinimumSizes minimumSizes() {
        return new MinimumSizes(20, 1, 20);
    }
}
