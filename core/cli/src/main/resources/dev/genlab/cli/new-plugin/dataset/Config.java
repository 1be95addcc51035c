package {{package}};

import dev.genlab.spi.PluginConfigException;

/**
 * Settings of {@code {{name}}}: each component is one key of the experiment's {@code dataset} block (kebab case),
 * beside the keys genlab reserves there ({@code type}, {@code target}, {@code sensitive}). Defaults and descriptions
 * are in {@code reference.conf}.
 *
 * @param rows        rows to generate
 * @param correlation correlation of x and y
 */
public record {{Name}}Config(int rows, double correlation) {
    public {{Name}}Config {
        if (rows < 1) {
            throw new PluginConfigException("rows", "must be at least 1, got " + rows);
        }
        if (!(correlation >= -1 && correlation <= 1)) {
            throw new PluginConfigException("correlation", "must be between -1 and 1, got " + correlation);
        }
    }
}
