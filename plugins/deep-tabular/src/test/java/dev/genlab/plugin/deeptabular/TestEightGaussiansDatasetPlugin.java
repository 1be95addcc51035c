package dev.genlab.plugin.deeptabular;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genlab.spi.LoadedData;
import dev.genlab.spi.Plugin;
import dev.genlab.spi.Table;
import dev.genlab.testkit.DatasetPluginContract;
import dev.genlab.testkit.PluginHarness;
import org.junit.jupiter.api.Test;

class TestEightGaussiansDatasetPlugin extends DatasetPluginContract {
    @Override
    protected Plugin plugin() {
        return new EightGaussiansDatasetPlugin();
    }

    @Test
    void pointsLieOnTheRing() {
        assertEquals(EightGaussiansConfig.defaults(), PluginHarness.config(descriptor(), ""));
        LoadedData loaded = load();
        Table t = loaded.data().asTable();
        assertEquals(10000, t.rowCount());
        assertTrue(loaded.sources().get(0).startsWith("generated: ring of 8 Gaussians"), loaded.sources().toString());
        for (int i = 0; i < t.rowCount(); i++) {
            assertEquals(2, Math.hypot(t.numeric(0, i), t.numeric(1, i)), 0.2);
        }
    }
}
