package dev.genlab.plugin.deeptabular;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genlab.plugin.djl.tabular.Span;
import dev.genlab.runtime.plugin.PluginKind;
import dev.genlab.spi.Column;
import dev.genlab.spi.FittedModel;
import dev.genlab.spi.GenerativeModel;
import dev.genlab.spi.PluginConfigException;
import dev.genlab.spi.Schema;
import dev.genlab.spi.Table;
import dev.genlab.testkit.PluginHarness;
import dev.genlab.testkit.TestContexts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Behaviour every deep model shares: determinism, exact resume, metric histories, awkward tables. */
class TestDeepModels {
    @TempDir
    Path work;

    static GenerativeModel model(String name, String extra) {
        return PluginHarness.create(PluginHarness.descriptor(PluginKind.MODEL, name), ModelSettings.of(name) + "\n" + extra, GenerativeModel.class);
    }

    private TestContexts.RecordingContext context(long seed, String name) throws Exception {
        return TestContexts.training(seed, Files.createDirectories(work.resolve(name)));
    }

    /** djl.md saw one VAE run in ten diverge; here every model is fitted three times with one seed. */
    @ParameterizedTest
    @ValueSource(strings = {"gan", "ctgan", "tvae", "ddpm"})
    void threeFitsWithOneSeedSampleTheSameRows(String name) throws Exception {
        Table train = SmallTables.mixed(300, 3);
        Table first = null;
        for (int run = 0; run < 3; run++) {
            Table sample = model(name, "").fit(train, context(11, name + run)).sample(100, 5).asTable();
            if (first == null) {
                first = sample;
            } else {
                assertEquals(first, sample, name + " fit " + (run + 1) + " differs from fit 1");
            }
        }
        FittedModel other = model(name, "").fit(train, context(12, name + "other"));
        assertNotEquals(first, other.sample(100, 5).asTable(), "another run seed trains another model");
    }

    /**
     * A sample is generated in chunks, each from seeds of its own; with two threads or more, several threads generate
     * and decode chunks at once, each taking the next one not yet taken. The rows must not depend on how many threads
     * (nor on which thread took which chunk).
     */
    @ParameterizedTest
    @ValueSource(strings = {"gan", "ctgan", "tvae", "ddpm"})
    void aSampleIsTheSameOnOneThreadAndOnSeveral(String name) throws Exception {
        FittedDeepModel fitted = (FittedDeepModel) model(name, "").fit(SmallTables.mixed(300, 3), context(11, name));
        int n = 3 * FittedDeepModel.CHUNK + 17; // three whole chunks and a part
        Table one = fitted.sample(n, 5, 1).asTable();
        assertEquals(n, one.rowCount());
        for (int threads : new int[] {2, 3}) {
            assertEquals(one, fitted.sample(n, 5, threads).asTable(), name + " on " + threads + " threads");
        }
        assertNotEquals(one, fitted.sample(n, 6, 2).asTable(), "another seed, other rows");
    }

    /** Training 2 epochs, stopping, and resuming to 4 gives exactly the model of 4 uninterrupted epochs. */
    @ParameterizedTest
    @ValueSource(strings = {"gan", "ctgan", "tvae", "ddpm"})
    void resumeContinuesExactlyWhereTheCheckpointLeftOff(String name) throws Exception {
        assertResumesExactly(name, "", name);
    }

    /** The gan's weight average is part of its checkpoints: a resumed run samples from the same average. */
    @Test
    void aGanWithAWeightAverageResumesExactly() throws Exception {
        assertResumesExactly("gan", ", generator-average = 0.9", "gan-average");
    }

    /**
     * With {@code generator-average} the fitted gan samples from the average of its generator's weights, not from
     * the last step's; the training itself (its losses) is the same.
     */
    @Test
    void aGanWithAWeightAverageSamplesFromTheAverage() throws Exception {
        Table train = SmallTables.mixed(300, 3);
        TestContexts.RecordingContext plain = context(5, "plain");
        Table last = model("gan", "epochs = 3").fit(train, plain).sample(100, 1).asTable();
        TestContexts.RecordingContext averaged = context(5, "averaged");
        Table average = model("gan", "epochs = 3, generator-average = 0.9").fit(train, averaged).sample(100, 1).asTable();
        assertEquals(plain.history("loss.generator"), averaged.history("loss.generator"), "the same training");
        assertNotEquals(last, average, "sampled from other weights");
        // the harness reports a config that does not bind as the binder's problems
        AssertionError e = assertThrows(AssertionError.class, () -> model("gan", "generator-average = 1"));
        assertTrue(e.getMessage().contains("generator-average") && e.getMessage().contains("must be at least 0 and less than 1, was 1"), e.getMessage());
    }

    private void assertResumesExactly(String name, String extra, String label) throws Exception {
        Table train = SmallTables.mixed(300, 4);
        TestContexts.RecordingContext straight = context(21, label + "-straight");
        Table expected = model(name, "epochs = 4, checkpoint-every = 2" + extra).fit(train, straight).sample(80, 1).asTable();
        Path checkpoints = straight.checkpointDirectory().resolve(name);
        assertTrue(Files.exists(checkpoints.resolve("epoch-000004.ckpt")), "checkpoint written at the last epoch");

        TestContexts.RecordingContext interrupted = context(21, label + "-interrupted");
        model(name, "epochs = 2, checkpoint-every = 2" + extra).fit(train, interrupted);
        TestContexts.RecordingContext resumed = new TestContexts.RecordingContext(21, work.resolve(label + "-interrupted"));
        Table actual = model(name, "epochs = 4, checkpoint-every = 2, resume = true" + extra).fit(train, resumed).sample(80, 1).asTable();
        assertEquals(expected, actual);
        String loss = straight.metrics().get(0).key();
        assertEquals(4, straight.history(loss).size());
        assertEquals(straight.history(loss).subList(2, 4), resumed.history(loss), "the resumed run logs epochs 3 and 4 only");
        assertEquals(List.of(3L, 4L), resumed.metrics().stream().filter(m -> m.key().equals(loss)).map(m -> m.step()).toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {"gan", "ctgan", "tvae", "ddpm"})
    void tinyTablesConstantAndAllMissingColumnsWork(String name) throws Exception {
        Table tiny = SmallTables.mixed(23, 5); // smaller than the batch size of 100
        GenerativeModel model = model(name, "");
        boolean promised = model.supportsConditions(tiny);
        FittedModel fitted = model.fit(tiny, context(1, name));
        // what validate is told before training is what the fitted model does: only ctgan samples on conditions
        assertEquals(fitted.supportsConditions(), promised);
        assertEquals(name.equals("ctgan"), promised);
        Table sample = fitted.sample(60, 2).asTable();
        int constant = sample.schema().requireIndex("constant");
        int empty = sample.schema().requireIndex("empty");
        for (int i = 0; i < sample.rowCount(); i++) {
            assertEquals(7.0, sample.numeric(constant, i));
            assertTrue(sample.isMissing(empty, i));
        }
        Table onlyConstants = Table.of(Schema.of(Column.numeric("c"), Column.categorical("k", List.of("a", "b"))),
                List.of(new double[] {1, 1, 1}, new int[] {1, 1, 1}));
        Table same = model(name, "").fit(onlyConstants, context(1, name + "-constants")).sample(4, 1).asTable();
        assertEquals(onlyConstants.rows(new int[] {0, 0, 0, 0}), same);
    }

    @ParameterizedTest
    @ValueSource(strings = {"gan", "ctgan", "tvae", "ddpm"})
    void thousandsOfLevelsAreRefusedByKey(String name) {
        int n = 3000;
        List<String> levels = new ArrayList<>();
        int[] codes = new int[n];
        for (int i = 0; i < n; i++) {
            levels.add("id-" + i);
            codes[i] = i;
        }
        Table ids = Table.of(Schema.of(Column.categorical("id", levels), Column.numeric("x")), List.of(codes, new double[n]));
        PluginConfigException e = assertThrows(PluginConfigException.class, () -> model(name, "").fit(ids, context(1, name)));
        assertEquals("max-categories", e.key());
        assertTrue(e.getMessage().contains("column 'id' has 3000 distinct values, more than max-categories = 1000"), e.getMessage());
    }

    @Test
    void lossesAreLoggedPerEpoch() throws Exception {
        Map<String, List<String>> expected = Map.of(
                "gan", List.of("loss.generator", "loss.discriminator", "wasserstein-estimate"),
                "ctgan", List.of("loss.generator", "loss.discriminator", "wasserstein-estimate", "loss.conditional"),
                "tvae", List.of("loss.total", "loss.reconstruction", "loss.kl"),
                "ddpm", List.of("loss.denoising"));
        for (Map.Entry<String, List<String>> e : expected.entrySet()) {
            TestContexts.RecordingContext context = context(1, e.getKey() + "-metrics");
            model(e.getKey(), "").fit(SmallTables.mixed(200, 1), context);
            for (String key : e.getValue()) {
                assertEquals(3, context.history(key).size(), e.getKey() + " " + key);
            }
        }
    }

    @Test
    void explodingTrainingStopsWithAClearMessageAndKeepsTheLastCheckpoint() throws Exception {
        Table train = SmallTables.mixed(200, 1);
        model("tvae", "epochs = 2, checkpoint-every = 1").fit(train, context(1, "nan"));
        TestContexts.RecordingContext resumed = new TestContexts.RecordingContext(1, work.resolve("nan"));
        RuntimeException e = assertThrows(RuntimeException.class,
                () -> model("tvae", "epochs = 6, learning-rate = 1e12, checkpoint-every = 1, resume = true").fit(train, resumed));
        assertTrue(e.getMessage().startsWith("tvae: loss."), e.getMessage());
        assertTrue(e.getMessage().contains("; training stopped, the last checkpoint "), e.getMessage());
        Path kept = resumed.checkpointDirectory().resolve("tvae");
        assertTrue(Files.exists(kept.resolve("epoch-000002.ckpt")) || e.getMessage().contains("epoch-00000"), e.getMessage());
    }

    /**
     * Without weight decay only the loss's gradient can move the output scales (all start at 0.1), and the two
     * numeric columns, reconstructed with different errors, end with different scales. With decay alone (when the
     * scale got no gradient) every scale moved down in step.
     */
    @Test
    void tvaeLearnsItsOutputScales() throws Exception {
        FittedDeepModel fitted = (FittedDeepModel) model("tvae", "epochs = 5, weight-decay = 0").fit(SmallTables.mixed(300, 1), context(1, "sigma"));
        float[] sigma = fitted.weights.get("decoder.decoder.sigma").data();
        List<Float> values = new ArrayList<>();
        for (Span s : fitted.transformer.spans()) {
            if (s.activation() != Span.Activation.SOFTMAX) {
                values.add(sigma[s.start()]);
            }
        }
        assertEquals(2, values.size(), "one value per non-constant numeric column: " + values);
        for (float v : values) {
            assertTrue(Math.abs(v - 0.1f) > 1e-3, "gradients reach the decoder's sigma: " + values);
            assertTrue(v >= 0.01f && v <= 1f, "clamped to [0.01, 1]: " + values);
        }
        assertNotEquals(values.get(0), values.get(1), "each column learns its own scale: " + values);
    }

    @Test
    void aLoadedModelRefusesAnotherModelsFiles() throws Exception {
        FittedModel fitted = model("tvae", "").fit(SmallTables.mixed(200, 1), context(1, "tvae"));
        Path dir = Files.createDirectories(work.resolve("saved"));
        fitted.save(dir);
        java.io.IOException e = assertThrows(java.io.IOException.class, () -> model("ctgan", "").load(dir));
        assertTrue(e.getMessage().endsWith("holds a 'tvae' model, not 'ctgan'"), e.getMessage());
    }
}
