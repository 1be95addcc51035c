package dev.genlab.plugin.deeptext;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genlab.runtime.plugin.PluginKind;
import dev.genlab.spi.Corpus;
import dev.genlab.spi.Dataset;
import dev.genlab.spi.EvaluationInput;
import dev.genlab.spi.FittedModel;
import dev.genlab.spi.Metric;
import dev.genlab.spi.MetricResult;
import dev.genlab.spi.TextLikelihood;
import dev.genlab.testkit.PluginHarness;
import dev.genlab.testkit.TestContexts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The path of {@code experiments/shakespeare-char-rnn.conf} without the runner: the text plugin's {@code shakespeare}
 * dataset, a char-rnn fitted on it, and its {@code perplexity} and {@code text-quality} metrics, all built as a run
 * builds them. The metric must accept the model's token count and report the model's own perplexity.
 */
class TestWithTextPlugins {
    @TempDir
    Path work;

    @Test
    void charRnnOnTheShakespeareDatasetThroughThePerplexityAndTextQualityMetrics() throws Exception {
        Dataset dataset = PluginHarness.create(PluginHarness.descriptor(PluginKind.DATASET, "shakespeare"), "max-documents = 800", Dataset.class);
        Corpus all = dataset.load(TestContexts.dataset(work)).data().asCorpus();
        assertEquals(800, all.size());
        Corpus[] split = Shakespeare.split(all, 10);
        FittedModel model = Models.model("char-rnn", "epochs = 2, hidden = 96, embedding-dim = 32, sequence-length = 64, "
                + "batch-size = 32, learning-rate = 3e-3, validation = 0, max-length = 500")
                .fit(split[0], TestContexts.training(1, Files.createDirectories(work.resolve("fit"))));
        Corpus synthetic = model.sample(50, 3).asCorpus();
        EvaluationInput input = new EvaluationInput(split[0], split[1], synthetic, Optional.of(model));

        Metric perplexity = PluginHarness.create(PluginHarness.descriptor(PluginKind.METRIC, "perplexity"), "", Metric.class);
        MetricResult result = perplexity.evaluate(input, TestContexts.training(1, Files.createDirectories(work.resolve("perplexity"))));
        TextLikelihood.NegativeLogLikelihood own = ((TextLikelihood) model).score(split[1]);
        assertEquals(own.perplexity(), result.get("perplexity"), 1e-9 * own.perplexity());
        assertTrue(result.get("ratio") < 0.6, "perplexity relative to the metric's unigram baseline: " + result.values());

        Metric quality = PluginHarness.create(PluginHarness.descriptor(PluginKind.METRIC, "text-quality"), "", Metric.class);
        MetricResult q = quality.evaluate(input, TestContexts.training(1, Files.createDirectories(work.resolve("quality"))));
        assertTrue(q.values().values().stream().anyMatch(Double::isFinite), "text-quality reports numbers: " + q.values());
        System.out.println("perplexity metric: " + result.values() + "\ntext-quality: " + q.values());
    }
}
