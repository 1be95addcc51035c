package dev.genlab.plugin.text;

import dev.genlab.spi.Corpus;
import dev.genlab.spi.EvaluationInput;
import dev.genlab.spi.Metric;
import dev.genlab.spi.MetricResult;
import dev.genlab.spi.PluginContext;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Diversity and memorisation of generated text, on words (see {@link Words}): distinct-n (Li et al. 2016), novelty
 * against the training text, self-BLEU (Zhu et al. 2018) and mean length; plus the first generated documents as an
 * artifact to read.
 */
public final class TextQualityMetric implements Metric {
    static final String SAMPLES_ARTIFACT = "text-quality/samples.txt";

    private final TextQualityConfig config;

    @Inject
    public TextQualityMetric(TextQualityConfig config) {
        this.config = config;
    }

    @Override
    public MetricResult evaluate(EvaluationInput input, PluginContext context) {
        Corpus train = input.train().asCorpus();
        Corpus synthetic = input.synthetic().asCorpus();
        List<List<String>> words = tokenise(synthetic);
        Map<String, Double> values = new LinkedHashMap<>();
        for (int n = 1; n <= 3; n++) {
            values.put("distinct-" + n, distinct(words, n));
        }
        if (!config.noveltyN().isEmpty()) {
            List<List<String>> trainWords = tokenise(train);
            for (int n : config.noveltyN()) {
                values.put("novelty-" + n, novelty(words, trainWords, n));
            }
        }
        if (config.selfBleuDocuments() > 0) {
            Corpus chosen = Documents.atMost(synthetic, config.selfBleuDocuments(), context.random("self-bleu"));
            values.put("self-bleu", SelfBleu.of(tokenise(chosen)));
        }
        values.put("mean-length", meanLength(synthetic));
        values.put("documents", (double) synthetic.size());
        if (config.samples() > 0) {
            writeSamples(synthetic, config.samples(), context);
        }
        return new MetricResult(values, "distinct-2");
    }

    static List<List<String>> tokenise(Corpus corpus) {
        List<List<String>> out = new ArrayList<>(corpus.size());
        for (String d : corpus.documents()) {
            out.add(Words.of(d));
        }
        return out;
    }

    /** Distinct word n-grams over all n-grams of all documents (n-grams never span two documents); NaN when there are none. */
    static double distinct(List<List<String>> documents, int n) {
        Set<String> unique = new HashSet<>();
        long total = 0;
        for (List<String> d : documents) {
            for (String g : Words.ngrams(d, n)) {
                unique.add(g);
                total++;
            }
        }
        return total == 0 ? Double.NaN : (double) unique.size() / total;
    }

    /**
     * Share of the generated word n-grams (every occurrence counts) that occur nowhere in the training documents; NaN
     * when the generated text has no n-gram of that size.
     */
    static double novelty(List<List<String>> generated, List<List<String>> train, int n) {
        Map<String, Integer> occurrences = new HashMap<>();
        long total = 0;
        for (List<String> d : generated) {
            for (String g : Words.ngrams(d, n)) {
                occurrences.merge(g, 1, Integer::sum);
                total++;
            }
        }
        if (total == 0) {
            return Double.NaN;
        }
        Set<String> seen = new HashSet<>();
        for (List<String> d : train) {
            for (int i = 0; i + n <= d.size(); i++) {
                String g = String.join(" ", d.subList(i, i + n));
                if (occurrences.containsKey(g)) {
                    seen.add(g);
                }
            }
        }
        long copied = 0;
        for (String g : seen) {
            copied += occurrences.get(g);
        }
        return (double) (total - copied) / total;
    }

    /** Mean characters (code points) per document; NaN for no documents. */
    static double meanLength(Corpus corpus) {
        long characters = 0;
        for (String d : corpus.documents()) {
            characters += d.codePointCount(0, d.length());
        }
        return corpus.size() == 0 ? Double.NaN : (double) characters / corpus.size();
    }

    private static void writeSamples(Corpus synthetic, int max, PluginContext context) {
        int n = Math.min(max, synthetic.size());
        StringBuilder out = new StringBuilder();
        out.append("# the first ").append(n).append(" of ").append(synthetic.size()).append(" generated documents\n");
        for (int i = 0; i < n; i++) {
            String d = synthetic.documents().get(i);
            out.append("\n===== sample ").append(i + 1).append(" of ").append(n).append(" (")
                    .append(d.codePointCount(0, d.length())).append(" characters) =====\n");
            out.append(d);
            if (!d.endsWith("\n")) {
                out.append('\n');
            }
        }
        try {
            context.artifacts().write(SAMPLES_ARTIFACT, out.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + SAMPLES_ARTIFACT, e);
        }
    }
}
