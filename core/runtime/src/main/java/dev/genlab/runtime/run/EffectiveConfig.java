package dev.genlab.runtime.run;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;
import dev.genlab.runtime.config.Experiment;
import dev.genlab.runtime.config.PluginSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The experiment as it actually ran: the resolved file with every plugin's and the experiment's defaults filled
 * in; rendered as config.conf and flattened into params.
 */
public final class EffectiveConfig {
    private static final Pattern SECRET = Pattern.compile("(?i)(^|[-_.])(password|passwd|token|secret|credentials?|api-?key|access-?key|key)$");
    static final String REDACTED = "***";

    private EffectiveConfig() {
    }

    public static Config of(Experiment experiment, Config experimentDefaults) {
        Config c = experiment.resolved();
        c = c.withFallback(experiment.dataset().descriptor().defaults().atPath("dataset"));
        c = c.withFallback(experiment.model().descriptor().defaults().atPath("model"));
        List<Object> metrics = new ArrayList<>();
        for (PluginSpec m : experiment.metrics()) {
            Config block = m.block().withFallback(m.descriptor().defaults());
            metrics.add(block.root().unwrapped());
        }
        c = c.withValue("metrics", ConfigValueFactory.fromIterable(metrics));
        c = c.withFallback(experimentDefaults.withoutPath("metrics"));
        if (!c.hasPath("name")) {
            c = c.withValue("name", ConfigValueFactory.fromAnyRef(experiment.name()));
        }
        return c.resolve();
    }

    public static String render(Config config) {
        return config.root().render(ConfigRenderOptions.defaults().setOriginComments(false).setComments(false).setJson(false).setFormatted(true));
    }

    /** Leaf paths to values; lists rendered as JSON; secret-looking keys redacted. */
    public static Map<String, String> flatten(Config config) {
        Map<String, String> out = new TreeMap<>();
        flatten("", config.root(), out);
        return out;
    }

    private static void flatten(String prefix, ConfigValue value, Map<String, String> out) {
        if (value.valueType() == ConfigValueType.OBJECT) {
            for (Map.Entry<String, ConfigValue> e : ((com.typesafe.config.ConfigObject) value).entrySet()) {
                flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out);
            }
        } else if (value.valueType() == ConfigValueType.LIST) {
            List<ConfigValue> list = (com.typesafe.config.ConfigList) value;
            boolean objects = list.stream().anyMatch(v -> v.valueType() == ConfigValueType.OBJECT);
            if (objects) {
                for (int i = 0; i < list.size(); i++) {
                    flatten(prefix + "." + i, list.get(i), out);
                }
            } else {
                out.put(prefix, redact(prefix, value.render(ConfigRenderOptions.concise())));
            }
        } else if (value.valueType() != ConfigValueType.NULL) {
            out.put(prefix, redact(prefix, String.valueOf(value.unwrapped())));
        }
    }

    static String redact(String key, String value) {
        return SECRET.matcher(key).find() ? REDACTED : value;
    }
}
