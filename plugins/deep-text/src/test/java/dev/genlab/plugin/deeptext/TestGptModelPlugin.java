package dev.genlab.plugin.deeptext;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.genlab.spi.Data;
import dev.genlab.spi.Plugin;
import dev.genlab.testkit.ModelPluginContract;
import dev.genlab.testkit.PluginHarness;
import org.junit.jupiter.api.Test;

/** The testkit's contract, with the plugin built as a run builds it (ServiceLoader, config binder, Guice). */
class TestGptModelPlugin extends ModelPluginContract {
    @Override
    protected Plugin plugin() {
        return new GptModelPlugin();
    }

    @Override
    protected String settings() {
        return Models.GPT;
    }

    @Override
    protected Data trainingData() {
        return Shakespeare.corpus(6000);
    }

    @Test
    void defaultsAreThoseOfReferenceConf() {
        assertEquals(GptConfig.defaults(), PluginHarness.config(descriptor(), ""));
    }
}
