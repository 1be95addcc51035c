package dev.genlab.runtime.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import dev.genlab.runtime.UserException;
import dev.genlab.runtime.plugin.PluginDescriptor;
import dev.genlab.runtime.plugin.PluginKind;
import dev.genlab.runtime.plugin.PluginRegistry;
import dev.genlab.spi.Measure;
import dev.genlab.spi.Modality;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads an experiment file (HOCON: includes, substitutions, environment variables), applies {@code --set}
 * overrides and validates everything against the plugins — collecting every problem, each located as
 * {@code file:line: key.path: message}, before anything runs.
 */
public final class ExperimentLoader {
    /** The sections an experiment file may have. */
    public static final List<String> SECTIONS = List.of("name", "seed", "dataset", "split", "model", "sample", "metrics", "tracking", "report", "vars", "sweep");

    private static final Set<String> DATASET_RESERVED = Set.of("type", "target", "sensitive");
    private static final Set<String> MODEL_RESERVED = Set.of("type");
    private static final Set<String> METRIC_RESERVED = Set.of("type", "name");

    /** Keys of a plugin block that genlab reads itself and never hands to the plugin's config record. */
    public static Set<String> reservedKeys(PluginKind kind) {
        return switch (kind) {
            case MODEL -> MODEL_RESERVED;
            case DATASET -> DATASET_RESERVED;
            case METRIC -> METRIC_RESERVED;
        };
    }

    private final PluginRegistry registry;
    private final Config experimentDefaults;

    public ExperimentLoader(PluginRegistry registry) {
        this.registry = registry;
        Config reference = ConfigFactory.parseResources(ExperimentLoader.class.getClassLoader(), "dev/genlab/runtime/experiment-defaults.conf",
                ConfigParseOptions.defaults().setAllowMissing(false));
        this.experimentDefaults = reference.resolve().getConfig("genlab.experiment");
    }

    /** The installed plugins of a kind, by name. */
    public List<String> pluginNames(PluginKind kind) {
        return registry.names(kind);
    }

    /** The experiment defaults (for docs and {@code genlab plugins}). */
    public Config experimentDefaults() {
        return experimentDefaults;
    }

    /** Reads, overrides and validates {@code file}; a {@code sweep} section is ignored here (see {@code SweepPlanner}). */
    public Experiment load(Path file, List<String> overrides) {
        return validate(file, parse(file, overrides));
    }

    /** Reads {@code file} (includes, substitutions, environment) with {@code --set} overrides applied; syntax errors are located. */
    public Config parse(Path file, List<String> overrides) {
        return parse(file, overrides, List.of());
    }

    /**
     * Reads {@code file} with the command line's {@code --unset} keys removed, then its {@code --set} overrides applied
     * (see {@link Overrides}); syntax errors are located.
     */
    public Config parse(Path file, List<String> overrides, List<String> unsets) {
        if (!Files.exists(file)) {
            throw new UserException("experiment file not found: " + file.toAbsolutePath().normalize());
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new UserException("cannot read experiment file " + file + ": not a readable file");
        }
        Problems problems = new Problems();
        Config config = parse(file, overrides, unsets, problems);
        problems.throwIfAny();
        return config;
    }

    /** Validates a parsed experiment (without its {@code sweep} section) against the plugins. */
    public Experiment validate(Path file, Config config) {
        return validate(file, config.withoutPath("sweep"), new Problems());
    }

    private Config parse(Path file, List<String> overrides, List<String> unsets, Problems problems) {
        Config fromFile;
        try {
            // a name without a directory has no parent for Typesafe Config, which then finds none of its includes
            java.io.File read = file.getParent() == null ? Path.of(".").resolve(file).toFile() : file.toFile();
            fromFile = ConfigFactory.parseFile(read, ConfigParseOptions.defaults().setAllowMissing(false).setSyntax(ConfigSyntax.CONF));
        } catch (ConfigException e) {
            Optional<ConfigProblem> include = e instanceof ConfigException.IO || String.valueOf(e.getMessage()).contains("include")
                    ? MissingIncludes.find(file) : Optional.empty();
            // Typesafe names only where parsing stopped (the end of the file for an unclosed '{'): find what was left open
            List<ConfigProblem> found = include.map(List::of)
                    .orElseGet(() -> e instanceof ConfigException.Parse ? UnclosedBrackets.find(failedFile(e, file)) : List.of());
            addParseError(problems, found, locate(e), e);
            return null;
        }
        Config merged = Overrides.apply(fromFile, overrides, unsets, problems);
        try {
            return merged.resolve(ConfigResolveOptions.defaults().setUseSystemEnvironment(true));
        } catch (ConfigException e) {
            problems.add(new ConfigProblem(locate(e), null, stripOrigin(e)));
            return null;
        }
    }

    /** What we found of a parse error ourselves, else Typesafe Config's message at {@code location}. */
    private static void addParseError(Problems problems, List<ConfigProblem> found, String location, ConfigException e) {
        if (found.isEmpty()) {
            problems.add(new ConfigProblem(location, null, stripOrigin(e)));
        } else {
            found.forEach(problems::add);
        }
    }

    /** The file a parse error is in: an included one, named by its origin, or the experiment file. */
    private static Path failedFile(ConfigException e, Path file) {
        String name = e.origin() == null ? null : e.origin().filename();
        return name != null && Files.isRegularFile(Path.of(name)) ? Path.of(name) : file;
    }

    private static String locate(ConfigException e) {
        return e.origin() == null ? "<unknown>" : Problems.where(e.origin());
    }

    /** Typesafe prefixes messages with the origin; we print it separately. */
    static String stripOrigin(ConfigException e) {
        String m = e.getMessage();
        if (e.origin() != null) {
            String d = e.origin().description();
            if (m.startsWith(d)) {
                m = m.substring(d.length());
            }
            m = m.replaceFirst("^(: ?\\d+)?: ", "");
        }
        return m;
    }

    private Experiment validate(Path file, Config config, Problems problems) {
        for (var e : config.root().entrySet()) {
            if (!SECTIONS.contains(e.getKey())) {
                problems.add(e.getValue().origin(), e.getKey(), "unknown key" + Suggestions.didYouMean(e.getKey(), SECTIONS)
                        + " (valid keys: " + String.join(", ", SECTIONS) + ")");
            }
        }
        // vars { } holds the user's own values for ${vars.x} substitutions: free-form, not validated
        Config fixedUser = config.withoutPath("dataset").withoutPath("model").withoutPath("metrics").withoutPath("vars").withoutPath("report");
        for (String key : fixedUser.root().keySet()) {
            if (!SECTIONS.contains(key)) {
                fixedUser = fixedUser.withoutPath(quote(key));
            }
        }
        ExperimentSettings settings = RecordBinder.bind(ExperimentSettings.class, fixedUser, experimentDefaults.withoutPath("metrics"),
                "", "an experiment", problems);

        // dataset
        PluginSpec dataset = null;
        Optional<String> target = Optional.empty();
        Optional<List<String>> sensitive = Optional.empty();
        ConfigValue datasetValue = config.root().get("dataset");
        if (datasetValue == null || datasetValue.valueType() == ConfigValueType.NULL) {
            problems.add(config.origin(), "dataset", "missing required key: the data to learn from, e.g. dataset { type = adult }"
                    + " (dataset types: " + String.join(", ", registry.names(PluginKind.DATASET)) + ")");
        } else {
            Config block = asBlock(datasetValue, "dataset", problems);
            if (block != null) {
                dataset = plugin(PluginKind.DATASET, block, "dataset", null, DATASET_RESERVED, problems);
                if (block.hasPath("target")) {
                    ConfigValue t = block.getValue("target");
                    if (t.valueType() == ConfigValueType.STRING) {
                        target = Optional.of((String) t.unwrapped());
                    } else {
                        problems.add(t.origin(), "dataset.target", "expected a column name but got " + t.valueType().name().toLowerCase());
                    }
                }
                if (block.hasPath("sensitive")) {
                    sensitive = Optional.ofNullable(stringList(block.getValue("sensitive"), "dataset.sensitive", problems));
                }
            }
        }

        // model
        PluginSpec model = null;
        ConfigValue modelValue = config.root().get("model");
        if (modelValue == null || modelValue.valueType() == ConfigValueType.NULL) {
            problems.add(config.origin(), "model", "missing required key: the generative model, e.g. model { type = copula }"
                    + " (model types: " + String.join(", ", registry.names(PluginKind.MODEL)) + ")");
        } else {
            Config block = asBlock(modelValue, "model", problems);
            if (block != null) {
                model = plugin(PluginKind.MODEL, block, "model", null, MODEL_RESERVED, problems);
            }
        }

        // metrics
        List<PluginSpec> metrics = new ArrayList<>();
        ConfigValue metricsValue = config.root().get("metrics");
        boolean defaultMetrics = metricsValue == null;
        if (defaultMetrics) {
            // the defaults name metrics that may not be installed (a trimmed distribution): use those that are
            List<Object> installed = new ArrayList<>();
            for (Object m : experimentDefaults.getStringList("metrics")) {
                if (registry.find(PluginKind.METRIC, (String) m) != null) {
                    installed.add(m);
                }
            }
            metricsValue = com.typesafe.config.ConfigValueFactory.fromIterable(installed, "experiment defaults");
        }
        if (metricsValue.valueType() != ConfigValueType.LIST) {
            problems.add(metricsValue.origin(), "metrics", "expected a list of metrics, e.g. metrics = [fidelity, { type = detection }]");
        } else {
            Set<String> names = new HashSet<>();
            int i = 0;
            for (ConfigValue item : (ConfigList) metricsValue) {
                String path = "metrics[" + i++ + "]";
                Config block = asBlock(item, path, problems);
                if (block == null) {
                    continue;
                }
                String instance = null;
                if (block.hasPath("name")) {
                    instance = block.getValue("name").unwrapped().toString();
                }
                PluginSpec spec = plugin(PluginKind.METRIC, block, path, instance, METRIC_RESERVED, problems);
                if (spec != null && !names.add(spec.name())) {
                    problems.add(block.origin(), path, "metric '" + spec.name() + "' is listed twice; give one a distinct name, e.g. { type = "
                            + spec.type() + ", name = " + spec.type() + "-2 }");
                }
                if (spec != null) {
                    metrics.add(spec);
                }
            }
        }

        // modality: checked against what the dataset plugin says it produces; the runner re-checks the data itself
        if (dataset != null && model != null) {
            Set<Modality> produces = dataset.descriptor().plugin().modalities();
            if (produces.stream().noneMatch(model.descriptor().plugin().modalities()::contains)) {
                problems.add(Problems.originOf(model.block(), "type"), "model.type", modalityMismatch(model, produces));
            }
            List<PluginSpec> unfit = metrics.stream().filter(m -> produces.stream().noneMatch(m.descriptor().plugin().modalities()::contains)).toList();
            if (defaultMetrics && !unfit.isEmpty()) {
                // nothing in the file to point at but the dataset that the defaults do not fit
                Set<Modality> handled = new java.util.TreeSet<>();
                unfit.forEach(m -> handled.addAll(m.descriptor().plugin().modalities()));
                problems.add(Problems.originOf(dataset.block(), "type"), "metrics", "no metrics are listed and the default ones ("
                        + String.join(", ", unfit.stream().map(PluginSpec::type).toList()) + ") handle " + labels(handled)
                        + " data but dataset '" + dataset.type() + "' gives " + labels(produces) + " data; list metrics for "
                        + labels(produces) + " data (" + fitting(PluginKind.METRIC, produces) + ")");
            } else {
                for (PluginSpec m : unfit) {
                    problems.add(Problems.originOf(m.block(), "type"), m.path() + ".type", "metric '" + m.type() + "' handles "
                            + labels(m.descriptor().plugin().modalities()) + " data but dataset '" + dataset.type() + "' gives "
                            + labels(produces) + " data");
                }
            }
        }
        Map<String, Measure.Threshold> thresholds = ReportThresholds.read(config, metrics, problems);
        problems.throwIfAny();
        String name = settings.name().orElseGet(() -> {
            String f = file.getFileName().toString();
            int dot = f.lastIndexOf('.');
            return dot > 0 ? f.substring(0, dot) : f;
        });
        return new Experiment(file, name, config, settings, dataset, target, sensitive, model, metrics, thresholds);
    }

    private String modalityMismatch(PluginSpec model, Set<Modality> produces) {
        return "model '" + model.type() + "' handles " + labels(model.descriptor().plugin().modalities()) + " data but the dataset gives "
                + labels(produces) + " data; " + fitting(PluginKind.MODEL, produces);
    }

    /** The installed plugins of a kind that handle any of {@code modalities}: "models for it: a, b" or "no installed model handles that". */
    private String fitting(PluginKind kind, Set<Modality> modalities) {
        List<String> names = new ArrayList<>();
        for (PluginDescriptor d : registry.all(kind)) {
            if (modalities.stream().anyMatch(d.plugin().modalities()::contains)) {
                names.add(d.name());
            }
        }
        return names.isEmpty() ? "no installed " + kind.label() + " handles that" : kind.label() + "s for it: " + String.join(", ", names);
    }

    static String labels(Set<Modality> modalities) {
        return String.join("/", modalities.stream().sorted().map(Modality::label).toList());
    }

    private static String quote(String key) {
        return com.typesafe.config.ConfigUtil.quoteString(key);
    }

    /** A plugin block: an object with a {@code type}, or just the type as a string. */
    private static Config asBlock(ConfigValue value, String path, Problems problems) {
        if (value instanceof ConfigObject obj) {
            return obj.toConfig();
        }
        if (value.valueType() == ConfigValueType.STRING) {
            // the block takes the name's origin, line included, so problems found later about it are located
            return ConfigFactory.empty().withValue("type", value).root().withOrigin(value.origin()).toConfig();
        }
        problems.add(value.origin(), path, "expected a plugin name or an object with a 'type' but got " + value.valueType().name().toLowerCase());
        return null;
    }

    private static List<String> stringList(ConfigValue v, String path, Problems problems) {
        if (v.valueType() == ConfigValueType.STRING) {
            return List.of((String) v.unwrapped());
        }
        if (v.valueType() != ConfigValueType.LIST) {
            problems.add(v.origin(), path, "expected a list of column names, e.g. [sex, race]");
            return null;
        }
        List<String> out = new ArrayList<>();
        for (ConfigValue item : (ConfigList) v) {
            if (item.valueType() != ConfigValueType.STRING) {
                problems.add(item.origin(), path, "expected column names but got " + item.valueType().name().toLowerCase());
                return null;
            }
            out.add((String) item.unwrapped());
        }
        return out;
    }

    private PluginSpec plugin(PluginKind kind, Config block, String path, String instanceName, Set<String> reserved, Problems problems) {
        if (!block.hasPath("type")) {
            problems.add(block.origin(), path + ".type", "missing required key: which " + kind.label() + " to use (" + kind.label() + " types: "
                    + String.join(", ", registry.names(kind)) + ")");
            return null;
        }
        ConfigValue typeValue = block.getValue("type");
        String type = String.valueOf(typeValue.unwrapped());
        PluginDescriptor descriptor = registry.find(kind, type);
        if (descriptor == null && registry.refused(kind, type) != null) {
            problems.add(typeValue.origin(), path + ".type", registry.refused(kind, type));
            return null;
        }
        if (descriptor == null) {
            List<String> names = registry.names(kind);
            problems.add(typeValue.origin(), path + ".type", "unknown " + kind.label() + " type '" + type + "'" + Suggestions.didYouMean(type, names)
                    + " (" + kind.label() + " types: " + (names.isEmpty() ? "none installed; looked in " + String.join(", ", registry.searched()) : String.join(", ", names)) + ")");
            return null;
        }
        Config user = block;
        for (String r : reserved) {
            user = user.withoutPath(r);
        }
        Record config = RecordBinder.bind(descriptor.plugin().configClass(), user, descriptor.defaults(), path,
                kind.label() + " type '" + type + "'", problems);
        if (config == null) {
            return null;
        }
        return new PluginSpec(descriptor, config, path, instanceName == null ? type : instanceName, block);
    }
}
