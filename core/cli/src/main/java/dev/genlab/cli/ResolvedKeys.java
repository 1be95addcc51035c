package dev.genlab.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;
import dev.genlab.runtime.config.Experiment;
import dev.genlab.runtime.config.ExperimentLoader;
import dev.genlab.runtime.config.PluginSpec;
import dev.genlab.runtime.config.Problems;
import dev.genlab.runtime.util.Secrets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every key of a validated experiment — the file's, the command line's and each plugin's defaults — with its value and
 * where the value came from: {@code exp.conf:12}, {@code include base.conf:3}, {@code --set #1 (...)}, {@code -m #1 (...)},
 * {@code default of model 'ctgan'}, {@code genlab default}, {@code environment variable}.
 */
final class ResolvedKeys {
    /** One key: its full path ({@code metrics[1].bins}), its value (HOCON, secrets redacted) and origin. */
    record Key(String path, String value, Object json, String origin) {
    }

    private ResolvedKeys() {
    }

    static List<Key> of(Experiment experiment, Config experimentDefaults, Set<String> swept) {
        Config c = experiment.resolved().withoutPath("sweep");
        // a plugin block written as just its name ("dataset = adult") becomes its block, so its defaults can join it
        c = c.withValue("dataset", withDefaults(experiment.dataset()));
        c = c.withValue("model", withDefaults(experiment.model()));
        List<ConfigValue> metrics = new ArrayList<>();
        experiment.metrics().forEach(m -> metrics.add(withDefaults(m)));
        ConfigValue listed = experiment.resolved().hasPath("metrics") ? experiment.resolved().getValue("metrics") : null;
        c = c.withValue("metrics", ConfigValueFactory.fromIterable(metrics, listed == null ? "genlab default" : listed.origin().description()));
        c = c.withFallback(experimentDefaults.withoutPath("metrics"));
        if (!c.hasPath("name")) {
            c = c.withValue("name", ConfigValueFactory.fromAnyRef(experiment.name(), "the file's name"));
        }
        c = c.resolve();
        Secrets secrets = Secrets.ofEnvironment();
        List<Key> out = new ArrayList<>();
        Path file = experiment.file().toAbsolutePath().normalize();
        walk("", c.root(), experiment, file, swept, secrets, out);
        List<String> sections = ExperimentLoader.SECTIONS;
        out.sort(Comparator.comparingInt((Key k) -> {
            int i = sections.indexOf(k.path().split("[.\\[]", 2)[0]);
            return i < 0 ? sections.size() : i;
        }).thenComparing(k -> k.path().startsWith("metrics[") ? String.format("%05d", Integer.parseInt(k.path().replaceAll("^metrics\\[(\\d+)].*", "$1"))) : "")
                .thenComparing(k -> k.path().endsWith(".type") || k.path().equals("type") ? "" : k.path()));
        return out;
    }

    /**
     * The sweep's launcher settings as {@code sweep.launcher.*} keys: {@code type} (from the file, or the default
     * for the sweep's parallelism) and every setting, the user's or the launcher's default.
     */
    static List<Key> ofLauncher(dev.genlab.runtime.sweep.SweepPlan plan, Experiment experiment, Config parsed) {
        dev.genlab.runtime.sweep.SweepLauncherRegistry.Choice choice = plan.launcher();
        List<Key> out = new ArrayList<>();
        if (choice == null) {
            return out;
        }
        String prefix = "sweep." + dev.genlab.runtime.sweep.SweepLauncherRegistry.KEY;
        Path file = experiment.file().toAbsolutePath().normalize();
        String typeOrigin = parsed.hasPath(prefix + ".type") ? origin(parsed.getValue(prefix + ".type").origin(), prefix + ".type", experiment, file)
                : parsed.hasPath(prefix) ? origin(parsed.getValue(prefix).origin(), prefix, experiment, file)
                : "genlab default for sweep.parallelism = " + plan.parallelism();
        out.add(new Key(prefix + ".type", choice.name(), choice.name(), typeOrigin));
        List<Key> settings = new ArrayList<>();
        walk(prefix, choice.resolved().root(), experiment, file, Set.of(), Secrets.ofEnvironment(), settings);
        // in the settings record's order, as 'genlab plugins' lists them
        List<String> order = dev.genlab.runtime.config.RecordBinder.keys(choice.factory().settingsClass());
        settings.sort(Comparator.comparingInt(k -> {
            int i = order.indexOf(k.path().substring(prefix.length() + 1).split("\\.", 2)[0]);
            return i < 0 ? order.size() : i;
        }));
        for (Key k : settings) {
            out.add(k.origin().equals("genlab default") ? new Key(k.path(), k.value(), k.json(), "default of launcher '" + choice.name() + "'") : k);
        }
        return out;
    }

    private static ConfigObject withDefaults(PluginSpec spec) {
        return spec.block().withFallback(spec.descriptor().defaults()).root();
    }

    private static void walk(String prefix, ConfigValue value, Experiment e, Path file, Set<String> swept, Secrets secrets, List<Key> out) {
        if (value instanceof ConfigObject obj && !obj.isEmpty()) {
            for (Map.Entry<String, ConfigValue> entry : obj.entrySet()) {
                String key = com.typesafe.config.ConfigUtil.joinPath(entry.getKey());
                walk(prefix.isEmpty() ? key : prefix + "." + key, entry.getValue(), e, file, swept, secrets, out);
            }
            return;
        }
        if (value instanceof ConfigList list && list.stream().anyMatch(v -> v.valueType() == ConfigValueType.OBJECT)) {
            for (int i = 0; i < list.size(); i++) {
                walk(prefix + "[" + i + "]", list.get(i), e, file, swept, secrets, out);
            }
            return;
        }
        String rendered = value.render(ConfigRenderOptions.concise());
        if (rendered.matches("\"[A-Za-z][A-Za-z0-9._/-]*\"") && !rendered.equals("\"null\"") && !rendered.matches("\"(true|false|yes|no|on|off)\"")) {
            rendered = rendered.substring(1, rendered.length() - 1); // as one would write it in the file
        }
        String shown = secrets.redact(prefix, rendered);
        Object json = shown.equals(rendered) ? value.unwrapped() : shown;
        String origin = origin(value.origin(), prefix, e, file);
        out.add(new Key(prefix, shown, json, swept.contains(prefix) ? "sweep axis, this trial's value (" + origin + ")" : origin));
    }

    /** Where a value came from, in a reader's words. */
    static String origin(ConfigOrigin o, String path, Experiment e, Path file) {
        if (o == null) {
            return "";
        }
        String description = o.description();
        if (description.startsWith("--set #") || description.startsWith("-m #")) {
            return Problems.where(o);
        }
        if (description.startsWith("experiment defaults")) {
            return "genlab default";
        }
        if (description.startsWith("env variables")) {
            return "environment variable";
        }
        if (o.filename() != null) {
            Path from = Path.of(o.filename()).toAbsolutePath().normalize();
            String line = o.lineNumber() > 0 ? ":" + o.lineNumber() : "";
            return from.equals(file) ? e.file() + line : "include " + o.filename() + line;
        }
        if (o.resource() != null || o.url() != null) {
            if (path.startsWith("dataset.")) {
                return "default of dataset '" + e.dataset().type() + "'";
            }
            if (path.startsWith("model.")) {
                return "default of model '" + e.model().type() + "'";
            }
            if (path.startsWith("metrics[")) {
                int i = Integer.parseInt(path.replaceAll("^metrics\\[(\\d+)].*", "$1"));
                return i < e.metrics().size() ? "default of metric '" + e.metrics().get(i).type() + "'" : "plugin default";
            }
            return "genlab default";
        }
        return description.replaceFirst(": \\d+$", "");
    }
}
