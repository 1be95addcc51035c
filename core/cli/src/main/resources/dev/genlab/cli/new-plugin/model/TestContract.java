package {{package}};

import dev.genlab.spi.Data;
import dev.genlab.spi.Plugin;
import dev.genlab.testkit.ModelPluginContract;
import dev.genlab.testkit.TestData;

/**
 * genlab's contract for a model plugin: found through its service file, defaults documented and bound, fits and
 * samples the right shape, one seed one sample, save and load, conditions sampled or refused, and the same from its
 * jar in genlab's own class loader (where a dependency that is not shipped would fail).
 */
class Test{{Name}}Plugin extends ModelPluginContract {
    @Override
    protected Plugin plugin() {
        return new {{Name}}Plugin();
    }

    @Override
    protected Data trainingData() {
        return TestData.mixed(200, 1);
    }

    @Override
    protected String settings() {
        return "noise = 0.1";
    }
}
