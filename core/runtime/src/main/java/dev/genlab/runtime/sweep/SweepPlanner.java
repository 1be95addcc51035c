package dev.genlab.runtime.sweep;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;
import dev.genlab.runtime.config.ConfigErrors;
import dev.genlab.runtime.config.ConfigProblem;
import dev.genlab.runtime.config.ExperimentLoader;
import dev.genlab.runtime.config.Problems;
import dev.genlab.runtime.config.Suggestions;
import dev.genlab.runtime.plugin.PluginKind;
import dev.genlab.spi.Seeds;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Expands an experiment's {@code sweep} section into trials and validates every trial against the plugins it
 * selects, before anything runs:
 *
 * <pre>
 * sweep {
 *   model.type = [copula, ctgan]                 # grid: every leaf list is an axis
 *   per-model { ctgan { epochs = [100, 300] } }  # axes only for trials of that model (keys of the model block)
 *   random {                                     # random search: trials draws per grid point
 *     trials = 4
 *     model.noise = { uniform = [0.0, 0.5] }     # also log-uniform, int-uniform, choice = [...]
 *   }
 *   seeds = [1, 2, 3]                            # repeats; the innermost loop
 *   parallelism = 2                              # trials at once (default: half the cores, at least 1)
 *   launcher { type = spark, master = "spark://host:7077" }  # where trials run (default: local for parallelism 1,
 *                                                # else processes); see SweepLauncherRegistry
 * }
 * </pre>
 */
public final class SweepPlanner {
    private static final Set<String> RESERVED = Set.of("seeds", "parallelism", "random", "per-model", SweepLauncherRegistry.KEY);
    private static final Set<String> DISTRIBUTIONS = Set.of("uniform", "log-uniform", "int-uniform", "choice");

    private final ExperimentLoader loader;
    private final SweepLauncherRegistry launchers;

    /** A planner with the launchers on the classpath. */
    public SweepPlanner(ExperimentLoader loader) {
        this(loader, SweepLauncherRegistry.discover());
    }

    public SweepPlanner(ExperimentLoader loader, SweepLauncherRegistry launchers) {
        this.loader = loader;
        this.launchers = java.util.Objects.requireNonNull(launchers, "launchers is null");
    }

    /** Whether a parsed experiment has a sweep. */
    public static boolean hasSweep(Config config) {
        return config.hasPath("sweep");
    }

    /** An axis: a key and the values it takes (each with its origin in the file). */
    private record Axis(String path, List<ConfigValue> values) {
    }

    public SweepPlan plan(Path file, Config config) {
        Problems problems = new Problems();
        ConfigValue sweepValue = config.root().get("sweep");
        if (!(sweepValue instanceof ConfigObject sweep)) {
            problems.add(sweepValue.origin(), "sweep", "expected a block, e.g. sweep { model.type = [copula, gan], seeds = [1, 2, 3] }");
            throw new ConfigErrors(problems.list());
        }
        Config s = sweep.toConfig();
        List<ConfigValue> seeds = new ArrayList<>();
        if (s.hasPath("seeds")) {
            ConfigValue v = s.getValue("seeds");
            if (v instanceof ConfigList list && !list.isEmpty()) {
                for (ConfigValue item : list) {
                    if (item.valueType() != ConfigValueType.NUMBER || ((Number) item.unwrapped()).doubleValue() != Math.rint(((Number) item.unwrapped()).doubleValue())) {
                        problems.add(item.origin(), "sweep.seeds", "expected whole numbers but got " + item.render(ConfigRenderOptions.concise()));
                    } else {
                        seeds.add(item);
                    }
                }
            } else {
                problems.add(v.origin(), "sweep.seeds", "expected a non-empty list of seeds, e.g. [1, 2, 3]");
            }
        }
        int parallelism = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
        if (s.hasPath("parallelism")) {
            ConfigValue v = s.getValue("parallelism");
            if (v.valueType() == ConfigValueType.NUMBER && ((Number) v.unwrapped()).intValue() >= 1
                    && ((Number) v.unwrapped()).doubleValue() == ((Number) v.unwrapped()).intValue()) {
                parallelism = ((Number) v.unwrapped()).intValue();
            } else {
                problems.add(v.origin(), "sweep.parallelism", "expected a whole number of at least 1 but got " + v.render(ConfigRenderOptions.concise()));
            }
        }
        List<Axis> grid = new ArrayList<>();
        collectAxes(sweep, "", grid, problems);
        Map<String, List<Axis>> perModel = new TreeMap<>();
        if (s.hasPath("per-model")) {
            ConfigValue pm = s.getValue("per-model");
            if (pm instanceof ConfigObject obj) {
                for (Map.Entry<String, ConfigValue> e : obj.entrySet()) {
                    List<Axis> axes = new ArrayList<>();
                    if (e.getValue() instanceof ConfigObject modelBlock) {
                        collectAxes(modelBlock, "model.", axes, problems);
                    } else {
                        problems.add(e.getValue().origin(), "sweep.per-model." + e.getKey(), "expected a block of model settings, e.g. { epochs = [100, 300] }");
                    }
                    perModel.put(e.getKey(), axes);
                }
            } else {
                problems.add(pm.origin(), "sweep.per-model", "expected a block per model type, e.g. per-model { ctgan { epochs = [100, 300] } }");
            }
        }
        int randomTrials = 0;
        Map<String, ConfigObject> space = new TreeMap<>();
        if (s.hasPath("random")) {
            ConfigValue r = s.getValue("random");
            if (r instanceof ConfigObject obj) {
                randomTrials = randomSpace(obj, space, problems);
            } else {
                problems.add(r.origin(), "sweep.random", "expected a block, e.g. random { trials = 8, model.noise = { uniform = [0, 1] } }");
            }
        }
        SweepLauncherRegistry.Choice launcher = launchers.choose(sweep, parallelism, problems);
        problems.throwIfAny();
        if (grid.isEmpty() && perModel.isEmpty() && randomTrials == 0 && seeds.isEmpty()) {
            problems.add(sweepValue.origin(), "sweep", "varies nothing; give it lists to try, e.g. model.type = [copula, gan], or seeds = [1, 2, 3]");
            problems.throwIfAny();
        }

        // expand: grid points x per-model points x random draws x seeds
        List<Map<String, ConfigValue>> points = product(grid);
        List<Map<String, ConfigValue>> expanded = new ArrayList<>();
        for (Map<String, ConfigValue> point : points) {
            String type = point.containsKey("model.type") ? String.valueOf(point.get("model.type").unwrapped())
                    : config.hasPath("model.type") ? config.getString("model.type") : null;
            for (Map<String, ConfigValue> extra : product(perModel.getOrDefault(type, List.of()))) {
                Map<String, ConfigValue> p = new LinkedHashMap<>(point);
                p.putAll(extra);
                expanded.add(p);
            }
        }
        List<String> warnings = new ArrayList<>();
        Set<String> selected = new TreeSet<>();
        expanded.forEach(p -> selected.add(String.valueOf(p.containsKey("model.type") ? p.get("model.type").unwrapped()
                : config.hasPath("model.type") ? config.getString("model.type") : null)));
        List<String> modelTypes = loader.pluginNames(PluginKind.MODEL);
        List<String> unused = new ArrayList<>(perModel.keySet());
        unused.removeAll(selected);
        // in the file's order
        unused.sort(java.util.Comparator.comparingInt(t -> ((ConfigObject) s.getValue("per-model")).get(t).origin().lineNumber()));
        for (String type : unused) {
            if (selected.contains(type)) {
                continue;
            }
            ConfigValue entry = ((ConfigObject) s.getValue("per-model")).get(type);
            if (modelTypes.contains(type)) {
                // a file narrowed from the command line (--set sweep.model.type=..., -m model.type=...) keeps its other blocks
                warnings.add(Problems.where(entry.origin()) + ": sweep.per-model." + type + ": no trial uses model type '" + type
                        + "' (the sweep's models: " + String.join(", ", selected) + "); its settings are ignored");
            } else {
                problems.add(entry.origin(), "sweep.per-model." + type, "unknown model type '" + type + "'" + Suggestions.didYouMean(type, modelTypes)
                        + " (model types: " + String.join(", ", modelTypes) + ")");
            }
        }
        if (randomTrials > 0) {
            long baseSeed = config.hasPath("seed") && config.getValue("seed").valueType() == ConfigValueType.NUMBER ? config.getLong("seed") : 42;
            SplittableRandom random = Seeds.random(baseSeed, "sweep/random");
            List<Map<String, ConfigValue>> drawn = new ArrayList<>();
            for (Map<String, ConfigValue> p : expanded) {
                for (int t = 0; t < randomTrials; t++) {
                    Map<String, ConfigValue> q = new LinkedHashMap<>(p);
                    for (Map.Entry<String, ConfigObject> e : space.entrySet()) {
                        q.put(e.getKey(), draw(e.getValue(), random));
                    }
                    drawn.add(q);
                }
            }
            expanded = drawn;
        }
        if (!seeds.isEmpty()) {
            List<Map<String, ConfigValue>> seeded = new ArrayList<>();
            for (Map<String, ConfigValue> p : expanded) {
                for (ConfigValue seed : seeds) {
                    Map<String, ConfigValue> q = new LinkedHashMap<>(p);
                    q.put("seed", seed);
                    seeded.add(q);
                }
            }
            expanded = seeded;
        }

        // validate every trial; a problem shared by several trials is reported once, naming them
        Config base = config.withoutPath("sweep");
        List<Trial> trials = new ArrayList<>();
        Map<ConfigProblem, List<String>> failures = new LinkedHashMap<>();
        int index = 0;
        for (Map<String, ConfigValue> assignment : expanded) {
            index++;
            Config trialConfig = base;
            Map<String, String> shown = new LinkedHashMap<>();
            for (Map.Entry<String, ConfigValue> e : assignment.entrySet()) {
                trialConfig = trialConfig.withValue(e.getKey(), e.getValue());
                shown.put(e.getKey(), e.getValue().render(ConfigRenderOptions.concise()));
            }
            Trial trial = new Trial(index, shown, trialConfig, null);
            try {
                trials.add(new Trial(index, shown, trialConfig, loader.validate(file, trialConfig)));
            } catch (ConfigErrors e) {
                for (ConfigProblem p : e.problems()) {
                    failures.computeIfAbsent(p, k -> new ArrayList<>()).add("#" + index + " (" + trial.label() + ")");
                }
            }
        }
        for (Map.Entry<ConfigProblem, List<String>> f : failures.entrySet()) {
            List<String> which = f.getValue();
            String trialsText = which.size() <= 3 ? String.join(", ", which) : String.join(", ", which.subList(0, 3)) + " and " + (which.size() - 3) + " more";
            ConfigProblem p = f.getKey();
            problems.add(new ConfigProblem(p.location(), p.path(), p.message() + " (in sweep trial" + (which.size() == 1 ? " " : "s ") + trialsText + ")"));
        }
        problems.throwIfAny();
        List<String> axes = new ArrayList<>();
        grid.forEach(a -> axes.add(a.path()));
        perModel.forEach((type, list) -> {
            if (selected.contains(type)) {
                list.forEach(a -> axes.add(a.path()));
            }
        });
        axes.addAll(space.keySet());
        if (!seeds.isEmpty()) {
            axes.add("seed");
        }
        return new SweepPlan(new ArrayList<>(new LinkedHashSet<>(axes)), trials, parallelism, warnings, launcher);
    }

    /** Every leaf under {@code obj} (reserved keys aside) must be a list of values to try. */
    private static void collectAxes(ConfigObject obj, String prefix, List<Axis> out, Problems problems) {
        for (Map.Entry<String, ConfigValue> e : new TreeMap<>(obj).entrySet()) {
            String key = e.getKey();
            if (prefix.isEmpty() && RESERVED.contains(key)) {
                continue;
            }
            String path = prefix + key;
            ConfigValue v = e.getValue();
            if (v instanceof ConfigObject nested) {
                collectAxes(nested, path + ".", out, problems);
            } else if (v instanceof ConfigList list && !list.isEmpty()) {
                out.add(new Axis(path, List.copyOf(list)));
            } else {
                problems.add(v.origin(), "sweep." + path, "expected a non-empty list of values to try, e.g. " + path + " = [a, b]"
                        + (prefix.isEmpty() ? " (sweep's own keys: seeds, parallelism, random, per-model, launcher)" : ""));
            }
        }
    }

    private static int randomSpace(ConfigObject obj, Map<String, ConfigObject> space, Problems problems) {
        int trials = 0;
        ConfigValue t = obj.get("trials");
        if (t == null || t.valueType() != ConfigValueType.NUMBER || ((Number) t.unwrapped()).intValue() < 1) {
            problems.add(t == null ? obj.origin() : t.origin(), "sweep.random.trials", "expected the number of random trials (at least 1)");
        } else {
            trials = ((Number) t.unwrapped()).intValue();
        }
        collectDistributions(obj, "", space, problems);
        if (space.isEmpty()) {
            problems.add(obj.origin(), "sweep.random", "no key to draw; add e.g. model.noise = { uniform = [0, 1] }");
        }
        return trials;
    }

    private static void collectDistributions(ConfigObject obj, String prefix, Map<String, ConfigObject> space, Problems problems) {
        for (Map.Entry<String, ConfigValue> e : obj.entrySet()) {
            if (prefix.isEmpty() && e.getKey().equals("trials")) {
                continue;
            }
            String path = prefix + e.getKey();
            if (!(e.getValue() instanceof ConfigObject o)) {
                problems.add(e.getValue().origin(), "sweep.random." + path, "expected a distribution: { uniform = [lo, hi] }, { log-uniform = [lo, hi] },"
                        + " { int-uniform = [lo, hi] } or { choice = [a, b, ...] }");
                continue;
            }
            Set<String> keys = o.keySet();
            if (keys.size() == 1 && DISTRIBUTIONS.contains(keys.iterator().next())) {
                String kind = keys.iterator().next();
                ConfigValue args = o.get(kind);
                boolean ok = args instanceof ConfigList list && (kind.equals("choice") ? !list.isEmpty()
                        : list.size() == 2 && list.stream().allMatch(x -> x.valueType() == ConfigValueType.NUMBER)
                        && ((Number) list.get(0).unwrapped()).doubleValue() < ((Number) list.get(1).unwrapped()).doubleValue()
                        && (!kind.equals("log-uniform") || ((Number) list.get(0).unwrapped()).doubleValue() > 0));
                if (ok) {
                    space.put(path, o);
                } else {
                    problems.add(args.origin(), "sweep.random." + path + "." + kind, kind.equals("choice") ? "expected a non-empty list of values"
                            : "expected [low, high] with low < high" + (kind.equals("log-uniform") ? " and low > 0" : ""));
                }
            } else {
                collectDistributions(o, path + ".", space, problems);
            }
        }
    }

    private static ConfigValue draw(ConfigObject distribution, SplittableRandom random) {
        String kind = distribution.keySet().iterator().next();
        ConfigList args = (ConfigList) distribution.get(kind);
        String origin = "sweep.random (" + kind + ")";
        if (kind.equals("choice")) {
            return args.get(random.nextInt(args.size()));
        }
        double lo = ((Number) args.get(0).unwrapped()).doubleValue();
        double hi = ((Number) args.get(1).unwrapped()).doubleValue();
        return switch (kind) {
            case "uniform" -> ConfigValueFactory.fromAnyRef(lo + random.nextDouble() * (hi - lo), origin);
            case "log-uniform" -> ConfigValueFactory.fromAnyRef(Math.exp(Math.log(lo) + random.nextDouble() * (Math.log(hi) - Math.log(lo))), origin);
            default -> ConfigValueFactory.fromAnyRef((long) Math.floor(lo) + random.nextLong((long) Math.floor(hi) - (long) Math.floor(lo) + 1), origin);
        };
    }

    private static List<Map<String, ConfigValue>> product(List<Axis> axes) {
        List<Map<String, ConfigValue>> out = new ArrayList<>();
        out.add(new LinkedHashMap<>());
        for (Axis axis : axes) {
            List<Map<String, ConfigValue>> next = new ArrayList<>();
            for (Map<String, ConfigValue> partial : out) {
                for (ConfigValue v : axis.values()) {
                    Map<String, ConfigValue> m = new LinkedHashMap<>(partial);
                    m.put(axis.path(), v);
                    next.add(m);
                }
            }
            out = next;
        }
        return out;
    }
}
