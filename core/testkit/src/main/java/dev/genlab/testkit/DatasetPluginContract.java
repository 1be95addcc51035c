package dev.genlab.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genlab.runtime.plugin.PluginDescriptor;
import dev.genlab.runtime.plugin.PluginRegistry;
import dev.genlab.spi.Dataset;
import dev.genlab.spi.Data;
import dev.genlab.spi.LoadedData;
import dev.genlab.spi.PublicDomain;
import dev.genlab.spi.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Contract tests for a dataset plugin: it loads non-empty data of a modality it declares, the same every time, and
 * a tabular dataset that declares a public domain loads only values inside it.
 */
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

    @Test
    public void loadsOnlyValuesInsideItsDeclaredPublicDomain() {
        Optional<PublicDomain> domain = PluginHarness.create(descriptor(), settings(), Dataset.class).publicDomain();
        if (domain.isEmpty()) {
            return; // declaring a public domain is optional
        }
        LoadedData loaded = load();
        List<Data> parts = new ArrayList<>();
        parts.add(loaded.data());
        loaded.test().ifPresent(parts::add);
        for (Data part : parts) {
            assertTrue(part instanceof Table, "a public domain is declared for tabular data only");
            List<String> outside = domain.get().violations((Table) part, 20);
            assertTrue(outside.isEmpty(), "values outside the declared public domain:\n" + String.join("\n", outside));
        }
    }
}
