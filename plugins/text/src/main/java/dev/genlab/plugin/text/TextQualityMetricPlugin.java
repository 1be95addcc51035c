package dev.genlab.plugin.text;

import dev.genlab.spi.Metric;
import dev.genlab.spi.MetricPlugin;
import dev.genlab.spi.Modality;
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
}
