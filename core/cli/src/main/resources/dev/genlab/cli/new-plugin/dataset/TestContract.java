package {{package}};

import dev.genlab.spi.Plugin;
import dev.genlab.testkit.DatasetPluginContract;

/**
 * genlab's contract for a dataset plugin: found through its service file, defaults documented and bound, loads
 * non-empty data of a declared modality, the same twice, and the same from its jar in genlab's own class loader.
 */
class Test{{Name}}Plugin extends DatasetPluginContract {
    @Override
    protected Plugin plugin() {
        return new {{Name}}Plugin();
    }

    @Override
    protected String settings() {
        return "rows = 200";
    }
}
