package dev.genlab.plugin.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genlab.runtime.run.Splitter;
import dev.genlab.spi.Corpus;
import dev.genlab.spi.EvaluationInput;
import dev.genlab.spi.FittedModel;
import dev.genlab.spi.LoadedData;
import dev.genlab.spi.MetricResult;
import dev.genlab.spi.TextLikelihood;
import dev.genlab.testkit.TestContexts;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Known answers of {@code perplexity}: hand-computed, Python-computed and a uniform model whose perplexity is its vocabulary size. */
class TestPerplexityMetric {
    @TempDir
    Path directory;

    private MetricResult evaluate(Corpus train, Corpus test, FittedModel model, int maxDocuments) {
        EvaluationInput input = new EvaluationInput(train, test, test, Optional.ofNullable(model));
        return new PerplexityMetric(new PerplexityConfig(maxDocuments)).evaluate(input, TestContexts.training(42, directory));
    }

    @Test
    void aUniformModelOverVSymbolsHasPerplexityV() {
        Corpus train = Corpus.of(List.of("abc", "cab"));
        Corpus test = Corpus.of(List.of("abba", "c", "zz"));
        MetricResult r = evaluate(train, test, new Models.Uniform(7), 0);
        assertEquals(7.0, r.get("perplexity"), 1e-12);
        assertEquals(Math.log(7) / Math.log(2), r.get("bits-per-char"), 1e-12);
        assertEquals(4 + 1 + 2 + 3, r.get("tokens"), "every character plus one end-of-document token per document");
        assertEquals(3, r.get("documents"));
        assertEquals("perplexity", r.headline());
    }

    @Test
    void unigramBaselineByHand() {
        // train "ab", "a": counts a=2 b=1 end=2, N=5 tokens, V = 2 letters + end + unknown = 4, so p = (count+1)/9.
        // test "ac": a (3/9), c unknown (1/9), end (3/9): nats = ln 81 over 3 tokens, perplexity 81^(1/3).
        MetricResult r = evaluate(Corpus.of(List.of("ab", "a")), Corpus.of(List.of("ac")), new Models.Uniform(4), 0);
        assertEquals(Math.cbrt(81), r.get("unigram-perplexity"), 1e-12);
        assertEquals(Math.log(81) / 3 / Math.log(2), r.get("unigram-bits-per-char"), 1e-12);
        assertEquals(4 / Math.cbrt(81), r.get("ratio"), 1e-12);
    }

    @Test
    void unigramBaselineMatchesPython() {
        Map<String, Double> expected = Fixtures.expected("unigram");
        Corpus train = Fixtures.corpus("train");
        Corpus test = Fixtures.corpus("test");
        UnigramModel unigram = UnigramModel.fit(train);
        TextLikelihood.NegativeLogLikelihood nll = unigram.score(test);
        assertEquals(expected.get("tokens"), (double) nll.tokens());
        assertEquals(expected.get("nats"), nll.nats(), 1e-9);
        assertEquals(expected.get("vocabulary"), (double) unigram.vocabularySize());
        MetricResult r = evaluate(train, test, new Models.Uniform(10), 0);
        assertEquals(expected.get("perplexity"), r.get("unigram-perplexity"), 1e-9);
        assertEquals(expected.get("bits-per-char"), r.get("unigram-bits-per-char"), 1e-9);
    }

    @Test
    void theUnigramBaselineAsTheModelHasRatioOne() {
        Corpus train = Fixtures.corpus("train");
        MetricResult r = evaluate(train, Fixtures.corpus("test"), new Models.Unigram(train), 0);
        assertEquals(1.0, r.get("ratio"), 1e-12);
    }

    @Test
    void aBigramModelBeatsTheUnigramBaselineOnHeldOutShakespeare() {
        LoadedData data = new ShakespeareDataset(new ShakespeareConfig(ShakespeareConfig.Unit.SPEECHES, Optional.empty()))
                .load(TestContexts.dataset(directory));
        Splitter.Parts parts = Splitter.split(data.data(), 0.1, false, 42);
        Corpus train = parts.train().asCorpus();
        Corpus test = parts.test().asCorpus();
        MetricResult r = evaluate(train, test, new Models.Bigram(train), 0);
        assertEquals(722, r.get("documents"), "10% of 7,222 speeches held out");
        // unigram ~ 27-28, bigram ~ 12-13 on tiny Shakespeare; a loose bound keeps the test about behaviour, not digits
        assertTrue(r.get("unigram-perplexity") > 20 && r.get("unigram-perplexity") < 35, "unigram " + r.values());
        assertTrue(r.get("ratio") < 0.6, "bigram well below unigram: " + r.values());
    }

    @Test
    void maxDocumentsScoresASeededSubsampleForModelAndBaselineAlike() {
        Corpus train = Fixtures.corpus("train");
        Corpus test = Fixtures.corpus("test");
        MetricResult all = evaluate(train, test, new Models.Unigram(train), 0);
        MetricResult five = evaluate(train, test, new Models.Unigram(train), 5);
        assertEquals(test.size(), all.get("documents"));
        assertEquals(5, five.get("documents"));
        assertEquals(1.0, five.get("ratio"), 1e-12, "the model and the baseline score the same documents");
        assertEquals(five.values(), evaluate(train, test, new Models.Unigram(train), 5).values(), "same seed, same subsample");
    }

    @Test
    void aModelWithoutLikelihoodsIsAClearError() {
        Corpus c = Corpus.of(List.of("ab"));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> evaluate(c, c, new Models.SampleOnly(), 0));
        assertEquals("model gives no likelihoods; perplexity needs a model such as char-rnn or gpt; remove 'perplexity' from metrics", e.getMessage());
        e = assertThrows(IllegalStateException.class, () -> evaluate(c, c, null, 0));
        assertEquals(PerplexityMetric.NO_LIKELIHOODS, e.getMessage());
    }

    @Test
    void anEmptyTestSetIsAClearError() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> evaluate(Corpus.of(List.of("ab")), Corpus.of(List.of()), new Models.Uniform(3), 0));
        assertEquals("the test set is empty; perplexity scores held-out documents: set split.test above 0", e.getMessage());
    }

    @Test
    void aModelCountingTokensDifferentlyIsRefused() {
        Corpus c = Corpus.of(List.of("abc", "de"));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> evaluate(c, c, new Models.WithoutEndOfDocument(), 0));
        assertEquals("the model scored 5 tokens on 2 held-out documents, expected 7 (every character plus one end-of-document token per document);"
                + " its perplexity would not be comparable", e.getMessage());
    }

    @Test
    void tableDataIsAClearError() {
        dev.genlab.spi.Table table = dev.genlab.spi.Table.of(dev.genlab.spi.Schema.of(List.of(dev.genlab.spi.Column.numeric("x"))),
                List.of(new double[] {1, 2}));
        EvaluationInput input = new EvaluationInput(table, table, table, Optional.of(new Models.Uniform(3)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PerplexityMetric(new PerplexityConfig(0)).evaluate(input, TestContexts.training(1, directory)));
        assertEquals("expected text data but got tabular data", e.getMessage());
    }
}
