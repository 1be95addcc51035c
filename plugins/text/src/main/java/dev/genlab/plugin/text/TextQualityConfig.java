package dev.genlab.plugin.text;

import dev.genlab.spi.PluginConfigException;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * Settings of the {@code text-quality} metric.
 *
 * @param noveltyN          word n-gram sizes of the novelty (memorisation) check, e.g. [3, 5]
 * @param selfBleuDocuments most generated documents self-BLEU compares (a seeded subsample beyond; quadratic cost);
 *                          0 = leave self-BLEU out
 * @param samples           generated documents written to the {@code text-quality/samples.txt} artifact
 */
public record TextQualityConfig(List<Integer> noveltyN, int selfBleuDocuments, int samples) {
    public TextQualityConfig {
        noveltyN = List.copyOf(Objects.requireNonNull(noveltyN, "noveltyN is null"));
        for (int n : noveltyN) {
            if (n < 1 || n > 20) {
                throw new PluginConfigException("novelty-n", "each n-gram size must be between 1 and 20, got " + n);
            }
        }
        if (new HashSet<>(noveltyN).size() != noveltyN.size()) {
            throw new PluginConfigException("novelty-n", "lists a size twice: " + noveltyN);
        }
        if (selfBleuDocuments == 1 || selfBleuDocuments < 0) {
            throw new PluginConfigException("self-bleu-documents", "must be 0 (no self-BLEU) or at least 2, got " + selfBleuDocuments);
        }
        if (samples < 0) {
            throw new PluginConfigException("samples", "must be 0 (no samples.txt) or positive, got " + samples);
        }
    }
}
