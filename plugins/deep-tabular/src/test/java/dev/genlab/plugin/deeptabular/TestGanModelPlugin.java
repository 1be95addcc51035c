package dev.genlab.plugin.deeptabular;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.genlab.spi.Data;
import dev.genlab.spi.Plugin;
import dev.genlab.testkit.ModelPluginContract;
import dev.genlab.testkit.PluginHarness;
import org.junit.jupiter.api.Test;

/** The testkit's contract, with the plugin built as a run builds it (ServiceLoader, config binder, Guice). */
class TestGanModelPlugin extends ModelPluginContract {
    @Override
    protected Plugin plugin() {
        return new GanModelPlugin();
    }

    @Override
    protected String settings() {
        return ModelSettings.GAN;
    }

    @Override
    protected Data trainingData() {
        return SmallTables.mixed(300, 17);
    }

    @Test
    void defaultsAreThoseOfReferenceConf() {
        assertEquals(GanConfig.defaults(), PluginHarness.config(descriptor(), ""));
    }
}
