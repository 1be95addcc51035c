package dev.genlab.plugin.deepimage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.genlab.spi.Data;
import dev.genlab.spi.Plugin;
import dev.genlab.testkit.ModelPluginContract;
import dev.genlab.testkit.PluginHarness;
import org.junit.jupiter.api.Test;

/** The testkit's contract, with the plugin built as a run builds it (ServiceLoader, config binder, Guice). */
class TestVaeModelPlugin extends ModelPluginContract {
    @Override
    protected Plugin plugin() {
        return new VaeModelPlugin();
    }

    @Override
    protected String settings() {
        return ModelSettings.VAE;
    }

    @Override
    protected Data trainingData() {
        return Digits.ALL.head(160);
    }

    @Test
    void defaultsAreThoseOfReferenceConf() {
        assertEquals(VaeConfig.defaults(), PluginHarness.config(descriptor(), ""));
    }
}
