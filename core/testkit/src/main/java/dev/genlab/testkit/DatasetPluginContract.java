package dev.genlab.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genlab.runtime.plugin.PluginDescriptor;
import dev.genlab.runtime.plugin.PluginRegistry;
import dev.genlab.spi.Dataset;
import dev.genlab.spi.LoadedData;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Contract tests for a dataset plugin: it loads non-empty data of a modality it declares, the same every time. */
public abstract class DatasetPluginContract extends PluginContract {
    @TempDir
    protected Path workDirectory;

    protected final LoadedData load() {
        return PluginHarness.create(descriptor(), settings(), Dataset.class).load(TestContexts.dataset(workDirectory, seed()));
    }

    /** The seed of the run the dataset loads for; datasets that draw rows take them from it. */
    protected long seed() {
        return 42;
    }

    @Override
    protected void exercise(PluginRegistry registry, PluginDescriptor isolated, Path work) {
        LoadedData data = PluginHarness.create(registry, isolated, settings(), Dataset.class).load(TestContexts.dataset(workDirectory, seed()));
        assertEquals(load().data(), data.data(), "loaded from its jar, the same data as from the class path");
    }

    @Test
    public void loadsDataOfADeclaredModality() {
        LoadedData data = load();
        assertTrue(data.data().size() > 0, "some rows or documents");
        assertTrue(plugin().modalities().contains(data.data().modality()), "modality " + data.data().modality() + " is declared");
        assertTrue(!data.sources().isEmpty(), "says where the data came from");
    }

    @Test
    public void loadsTheSameDataTwice() {
        assertEquals(load().data(), load().data());
    }
}
