package dev.genlab.testkit;

import dev.genlab.spi.Data;
import dev.genlab.spi.Plugin;

/** The whole model contract on a model that samples on conditions, run from the class path (its dependency is there). */
class TestThinModelContract extends ModelPluginContract {
    @Override
    protected Plugin plugin() {
        return new ThinModelPlugin();
    }

    @Override
    protected Data trainingData() {
        return TestData.mixed(60, 3);
    }
}
