package {{package}};

import dev.genlab.spi.EvaluationInput;
import dev.genlab.spi.Plugin;
import dev.genlab.testkit.MetricPluginContract;
import dev.genlab.testkit.TestData;

/**
 * genlab's contract for a metric plugin: found through its service file, defaults documented and bound, named and
 * declared values, deterministic, and the same from its jar in genlab's own class loader.
 */
class Test{{Name}}Plugin extends MetricPluginContract {
    @Override
    protected Plugin plugin() {
        return new {{Name}}Plugin();
    }

    @Override
    protected EvaluationInput input() {
        return TestData.evaluation(TestData.mixed(200, 1), TestData.mixed(100, 2), TestData.mixed(200, 3));
    }
}
