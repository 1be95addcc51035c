package {{package}};

import dev.genlab.spi.PluginConfigException;

/**
 * Settings of {@code {{name}}}: each component is one key of the experiment's {@code model} block (kebab case), with
 * its default and description in {@code reference.conf}. The compact constructor checks each value; genlab reports a
 * {@link PluginConfigException} as {@code file:line: model.key: message}.
 *
 * @param noise Gaussian noise added to sampled numbers, in standard deviations of their column
 */
public record {{Name}}Config(double noise) {
    public {{Name}}Config {
        if (!(noise >= 0)) {
            throw new PluginConfigException("noise", "must be at least 0, got " + noise);
        }
    }
}
