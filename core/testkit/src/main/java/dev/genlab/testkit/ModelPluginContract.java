package dev.genlab.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genlab.spi.Data;
import dev.genlab.spi.FittedModel;
import dev.genlab.spi.GenerativeModel;
import dev.genlab.spi.Table;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

    /** Rows (or documents) to sample in the tests. */
    protected int sampleSize() {
        return 50;
    }

    protected final GenerativeModel newModel() {
        return PluginHarness.create(descriptor(), settings(), GenerativeModel.class);
    }

    protected final FittedModel fit(long seed, String name) throws IOException {
        return newModel().fit(trainingData(), TestContexts.training(seed, Files.createDirectories(workDirectory.resolve(name))));
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
