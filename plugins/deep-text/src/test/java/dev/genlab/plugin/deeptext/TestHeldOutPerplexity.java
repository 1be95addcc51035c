package dev.genlab.plugin.deeptext;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genlab.spi.Corpus;
import dev.genlab.spi.TextLikelihood;
import dev.genlab.spi.TextLikelihood.NegativeLogLikelihood;
import dev.genlab.testkit.TestContexts;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both models, trained briefly on the first 100,000 characters of Tiny Shakespeare (every 10th speech held out),
 * must beat the character-unigram baseline (add-one smoothing, same tokens: characters + one end per speech) on
 * the held-out speeches by a wide margin. Measured (seed 1, 1 thread): char-rnn 10.8 against the unigram's 27.6
 * (ratio 0.39), gpt 13.3 (ratio 0.48); the assertion (below 0.6) leaves room for other machines.
 */
class TestHeldOutPerplexity {
    @TempDir
    Path work;

    private static final Corpus[] SPLIT = Shakespeare.split(Shakespeare.corpus(100_000), 10);

    private double ratio(String model, String settings) throws Exception {
        Corpus train = SPLIT[0];
        Corpus test = SPLIT[1];
        TextLikelihood fitted = (TextLikelihood) Models.model(model, settings).fit(train, TestContexts.training(1, work));
        NegativeLogLikelihood nll = fitted.score(test);
        NegativeLogLikelihood unigram = new UnigramBaseline(train).score(test);
        assertTrue(nll.tokens() == unigram.tokens(), "both count characters + one end token per document");
        double ratio = nll.perplexity() / unigram.perplexity();
        System.out.printf("%s: held-out perplexity %.3f, unigram %.3f, ratio %.3f%n", model, nll.perplexity(), unigram.perplexity(), ratio);
        return ratio;
    }

    @Test
    void charRnnBeatsTheUnigramBaseline() throws Exception {
        double ratio = ratio("char-rnn", "epochs = 2, hidden = 96, embedding-dim = 32, sequence-length = 64, batch-size = 32, "
                + "learning-rate = 3e-3, validation = 0");
        assertTrue(ratio < 0.6, "char-rnn perplexity / unigram perplexity = " + ratio);
    }

    @Test
    void gptBeatsTheUnigramBaseline() throws Exception {
        double ratio = ratio("gpt", "epochs = 2, layers = 1, heads = 4, d-model = 64, context = 64, batch-size = 32, "
                + "learning-rate = 3e-3, validation = 0");
        assertTrue(ratio < 0.6, "gpt perplexity / unigram perplexity = " + ratio);
    }
}
