package dev.genlab.plugin.deeptext;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.genlab.spi.Data;
import dev.genlab.spi.Plugin;
import dev.genlab.testkit.ModelPluginContract;
import dev.genlab.testkit.PluginHarness;
import org.junit.jupiter.api.Test;

/** The testkit's contract, with the plugin built as a run builds it (ServiceLoader, config binder, Guice). */
class TestCharRnnModelPlugin extends ModelPluginContract {
    @Override
    protected Plugin plugin() {
        return new CharRnnModelPlugin();
    }

    @Override
    protected String settings() {
        return Models.CHAR_RNN;
    }

    @Override
    protected Data trainingData() {
        return Shakespeare.corpus(6000);
    }

    @Test
    void defaultsAreThoseOfReferenceConf() {
        assertEquals(CharRnnConfig.defaults(), PluginHarness.config(descriptor(), ""));
    }
}
