package dev.genlab.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genlab.runtime.plugin.PluginDescriptor;
import dev.genlab.runtime.plugin.PluginRegistry;
import dev.genlab.spi.Column;
import dev.genlab.spi.Data;
import dev.genlab.spi.FittedModel;
import dev.genlab.spi.GenerativeModel;
import dev.genlab.spi.PublicDomain;
import dev.genlab.spi.Table;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Contract tests for a model plugin: extend it, implement {@link #plugin()} and {@link #trainingData()}, and
 * optionally {@link #settings()} (e.g. few epochs). It fits the model as a run would, then checks sampling,
 * determinism and save/load.
 */
public abstract class ModelPluginContract extends PluginContract {
    @TempDir
    protected Path workDirectory;

    /** Data to fit on: small, but real enough for the model. */
    protected abstract Data trainingData();

    /** The public domain the training data's dataset declares, handed to the model as a run does; none by default. */
    protected Optional<PublicDomain> publicDomain() {
        return Optional.empty();
    }

    /** Rows (or documents) to sample in the tests. */
    protected int sampleSize() {
        return 50;
    }

    protected final GenerativeModel newModel() {
        return PluginHarness.create(descriptor(), settings(), GenerativeModel.class);
    }

    protected final FittedModel fit(long seed, String name) throws IOException {
        return newModel().fit(trainingData(), TestContexts.training(seed, Files.createDirectories(workDirectory.resolve(name)), publicDomain()));
    }

    /**
     * The conditions of {@link #samplesOnConditionsOrRefusesThem}: by default the first categorical column of
     * {@link #trainingData()} at its most frequent level.
     */
    protected Map<String, String> conditions() {
        if (!(trainingData() instanceof Table table)) {
            return Map.of();
        }
        for (Column c : table.schema().columns()) {
            if (c.isCategorical() && !c.levels().isEmpty()) {
                int[] counts = new int[c.levels().size()];
                for (int code : table.codes(c.name())) {
                    if (code >= 0) {
                        counts[code]++;
                    }
                }
                int best = 0;
                for (int i = 1; i < counts.length; i++) {
                    best = counts[i] > counts[best] ? i : best;
                }
                return Map.of(c.name(), c.levels().get(best));
            }
        }
        return Map.of();
    }

    /**
     * A fitted model that says it samples on conditions returns rows that all meet them, shaped like the training
     * data, the same for a seed; one that says it does not refuses them rather than ignoring them.
     */
    @Test
    public void samplesOnConditionsOrRefusesThem() throws IOException {
        Map<String, String> conditions = conditions();
        FittedModel fitted = fit(3, "conditions");
        if (conditions.isEmpty()) {
            assertFalse(fitted.supportsConditions(), plugin().name() + " samples on conditions, but the training data has no"
                    + " categorical column to test them on: override conditions() or trainingData()");
            return;
        }
        if (!fitted.supportsConditions()) {
            assertThrows(RuntimeException.class, () -> fitted.sample(sampleSize(), 5, conditions),
                    "supportsConditions() is false, so sample(n, seed, " + conditions + ") must refuse them, not ignore them");
            return;
        }
        assertTrue(newModel().supportsConditions(trainingData()), "the fitted model samples on conditions, but"
                + " GenerativeModel.supportsConditions(train) said before training that it would not");
        Table sample = fitted.sample(sampleSize(), 5, conditions).asTable();
        Table train = trainingData().asTable();
        assertEquals(sampleSize(), sample.size());
        assertEquals(train.schema().columns(), sample.schema().columns(), "same columns, types and levels as the training data");
        conditions.forEach((column, value) -> {
            int c = sample.schema().requireIndex(column);
            for (int r = 0; r < sample.rowCount(); r++) {
                assertEquals(value, sample.text(c, r), "row " + r + " of a sample on " + conditions);
            }
        });
        assertEquals(sample, fitted.sample(sampleSize(), 5, conditions), "one seed, one conditional sample");
    }

    @Override
    protected void exercise(PluginRegistry registry, PluginDescriptor isolated, Path work) throws Exception {
        GenerativeModel model = PluginHarness.create(registry, isolated, settings(), GenerativeModel.class);
        FittedModel fitted = model.fit(trainingData(), TestContexts.training(1, Files.createDirectories(work.resolve("fit")), publicDomain()));
        Data sample = fitted.sample(sampleSize(), 11);
        assertEquals(sampleSize(), sample.size());
        Path saved = Files.createDirectories(work.resolve("saved"));
        fitted.save(saved);
        assertEquals(sample, model.load(saved).sample(sampleSize(), 11), "a loaded model samples what the saved one did");
        Map<String, String> conditions = conditions();
        if (fitted.supportsConditions() && !conditions.isEmpty()) {
            assertEquals(sampleSize(), fitted.sample(sampleSize(), 5, conditions).size());
        }
    }

    @Test
    public void samplesDataShapedLikeItsTrainingData() throws IOException {
        Data train = trainingData();
        Data sample = fit(1, "shape").sample(sampleSize(), 11);
        assertEquals(train.modality(), sample.modality());
        assertEquals(sampleSize(), sample.size());
        if (train instanceof Table t) {
            assertEquals(t.schema().columns(), sample.asTable().schema().columns(), "same columns, types and levels as the training data");
        }
    }

    @Test
    public void isDeterministicForASeed() throws IOException {
        FittedModel a = fit(7, "a");
        FittedModel b = fit(7, "b");
        assertEquals(a.sample(sampleSize(), 3), b.sample(sampleSize(), 3), "two fits with one seed sample the same data");
        assertEquals(a.sample(sampleSize(), 3), a.sample(sampleSize(), 3), "one seed, one sample");
        assertNotEquals(a.sample(sampleSize(), 3), a.sample(sampleSize(), 4), "another seed, another sample");
    }

    @Test
    public void savesAndLoads() throws IOException {
        FittedModel fitted = fit(5, "save");
        Path dir = Files.createDirectories(workDirectory.resolve("saved"));
        fitted.save(dir);
        try (var files = Files.list(dir)) {
            assertTrue(files.findAny().isPresent(), "save wrote something");
        }
        FittedModel loaded = newModel().load(dir);
        assertEquals(fitted.sample(sampleSize(), 9), loaded.sample(sampleSize(), 9), "a loaded model samples what the saved one did");
    }
}
