package dev.genlab.plugin.text;

import dev.genlab.runtime.run.Splitter;
import dev.genlab.spi.Corpus;
import dev.genlab.spi.Data;
import dev.genlab.spi.EvaluationInput;
import dev.genlab.spi.MetricResult;
import dev.genlab.spi.PluginContext;
import dev.genlab.testkit.TestContexts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reference figures for the README: the unigram baseline and a character bigram model on held-out tiny Shakespeare (split test = 0.1, seed 42, as
 * the runtime splits it), and text-quality of two degenerate "generators" — real held-out speeches and copies of
 * training speeches — so users can read their model's numbers against them. Run with
 * {@code mvn -q -o -f plugins/text/pom.xml test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.genlab.plugin.text.ShakespeareBaselines}.
 */
public final class ShakespeareBaselines {
    private ShakespeareBaselines() {
    }

    public static void main(String[] args) throws Exception {
        Path tmp = Files.createTempDirectory("genlab-text-bench");
        long t0 = System.nanoTime();
        Data all = new ShakespeareDataset(new ShakespeareConfig(ShakespeareConfig.Unit.SPEECHES, Optional.empty())).load(TestContexts.dataset(tmp)).data();
        long t1 = System.nanoTime();
        Splitter.Parts parts = Splitter.split(all, 0.1, false, 42);
        Corpus train = parts.train().asCorpus();
        Corpus test = parts.test().asCorpus();
        System.out.printf("load: %d speeches in %.0f ms; train %d, test %d documents%n", all.size(), (t1 - t0) / 1e6, train.size(), test.size());
        PluginContext context = TestContexts.training(42, tmp);
        long t2 = System.nanoTime();
        MetricResult p = new PerplexityMetric(new PerplexityConfig(0))
                .evaluate(new EvaluationInput(train, test, test, Optional.of(new UnigramFitted(train))), context);
        System.out.printf("perplexity (unigram as the model): %s in %.0f ms%n", p.values(), (System.nanoTime() - t2) / 1e6);
        long t4 = System.nanoTime();
        MetricResult b = new PerplexityMetric(new PerplexityConfig(0))
                .evaluate(new EvaluationInput(train, test, test, Optional.of(new Models.Bigram(train))), context);
        System.out.printf("perplexity (character bigram, add-one, as the model): %s in %.0f ms%n", b.values(), (System.nanoTime() - t4) / 1e6);
        List<String> copies = new ArrayList<>(train.documents().subList(0, test.size()));
        for (var entry : List.of(java.util.Map.entry("held-out real speeches", test), java.util.Map.entry("copies of training speeches", Corpus.of(copies)))) {
            long t3 = System.nanoTime();
            MetricResult q = new TextQualityMetric(new TextQualityConfig(List.of(3, 5), 200, 0))
                    .evaluate(new EvaluationInput(train, test, entry.getValue()), context);
            System.out.printf("text-quality of %s: %s in %.0f ms%n", entry.getKey(), q.values(), (System.nanoTime() - t3) / 1e6);
        }
    }

    /** The unigram baseline wrapped as a fitted model. */
    private record UnigramFitted(UnigramModel model) implements dev.genlab.spi.FittedModel, dev.genlab.spi.TextLikelihood {
        UnigramFitted(Corpus train) {
            this(UnigramModel.fit(train));
        }

        @Override
        public Data sample(int n, long seed) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void save(Path directory) {
        }

        @Override
        public NegativeLogLikelihood score(Corpus corpus) {
            return model.score(corpus);
        }
    }
}
