package dev.genlab.runtime.sweep;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import dev.genlab.runtime.config.ConfigProblem;
import dev.genlab.runtime.config.Problems;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Grid axes from the command line, Hydra style: {@code -m model.type=copula,ctgan}, {@code -m model.epochs=range(10,50,10)}
 * (start, stop exclusive, step, as Hydra and Python count), {@code -m seed=1,2,3} (the sweep's seeds). Each becomes
 * {@code sweep.<key> = [...]} in the experiment, replacing an axis of the same key in the file's {@code sweep} block and
 * combining with its other axes. Values are HOCON; each keeps the origin {@code -m #n (key=values)}.
 */
public final class Multirun {
    private static final Pattern RANGE = Pattern.compile("range\\(\\s*([^,()]+?)\\s*(?:,\\s*([^,()]+?)\\s*)?(?:,\\s*([^,()]+?)\\s*)?\\)");
    private static final Set<String> SWEEP_OWN = Set.of("sweep", "seeds", "parallelism", "random", "per-model", SweepLauncherRegistry.KEY);
    private static final int MAX_VALUES = 10_000;

    private Multirun() {
    }

    public static String label(int index, String text) {
        return "-m #" + index + " (" + text + ")";
    }

    /** {@code config} (resolved) with the axes of {@code specs} added to its sweep; a user error names the {@code -m}. */
    public static Config apply(Config config, List<String> specs) {
        Problems problems = new Problems();
        Config out = config;
        for (int i = 0; i < specs.size(); i++) {
            String text = specs.get(i);
            String label = label(i + 1, text);
            int eq = text.indexOf('=');
            if (eq <= 0 || eq == text.length() - 1) {
                problems.add(new ConfigProblem(label, null, "expected key=value1,value2,..., e.g. -m model.type=copula,ctgan or -m seed=1,2,3"));
                continue;
            }
            String key = text.substring(0, eq).trim();
            List<String> path;
            try {
                path = ConfigUtil.splitPath(key);
            } catch (ConfigException e) {
                problems.add(new ConfigProblem(label, null, "'" + key + "' is not a key path; expected e.g. -m model.epochs=10,20"));
                continue;
            }
            if (SWEEP_OWN.contains(path.get(0))) {
                problems.add(new ConfigProblem(label, key, "-m takes an experiment key to vary (e.g. -m model.epochs=10,20, or -m seed=1,2 for"
                        + " the sweep's seeds); set the sweep's own keys with --set sweep." + String.join(".", path.subList(path.get(0).equals("sweep") ? 1 : 0, path.size())) + "=..."));
                continue;
            }
            List<ConfigValue> values = values(text.substring(eq + 1).trim(), label, problems);
            if (values == null) {
                continue;
            }
            String target = key.equals("seed") ? "sweep.seeds" : "sweep." + ConfigUtil.joinPath(path);
            out = out.withValue(target, ConfigValueFactory.fromIterable(values, label));
        }
        problems.throwIfAny();
        return out;
    }

    private static List<ConfigValue> values(String text, String label, Problems problems) {
        Matcher range = RANGE.matcher(text);
        if (range.matches()) {
            return range(range, label, problems);
        }
        ConfigParseOptions options = ConfigParseOptions.defaults().setOriginDescription(label);
        try {
            ConfigValue list = ConfigFactory.parseString("values = [" + text + "]", options).resolve().getValue("values");
            List<ConfigValue> out = new ArrayList<>((ConfigList) list);
            if (out.isEmpty()) {
                problems.add(new ConfigProblem(label, null, "no values to try; e.g. -m model.type=copula,ctgan"));
                return null;
            }
            return out;
        } catch (ConfigException e) {
            problems.add(new ConfigProblem(label, null, "cannot read the values as a HOCON list (" + text + "): "
                    + e.getMessage().replaceFirst("^.*?: \\d+: ", "") + "; quote a value that has a comma or bracket, e.g. \"a,b\""));
            return null;
        }
    }

    private static List<ConfigValue> range(Matcher m, String label, Problems problems) {
        BigDecimal start;
        BigDecimal stop;
        BigDecimal step;
        try {
            BigDecimal a = new BigDecimal(m.group(1));
            start = m.group(2) == null ? BigDecimal.ZERO : a;
            stop = m.group(2) == null ? a : new BigDecimal(m.group(2));
            step = m.group(3) == null ? BigDecimal.ONE : new BigDecimal(m.group(3));
        } catch (NumberFormatException e) {
            problems.add(new ConfigProblem(label, null, "range takes numbers: range(stop), range(start, stop) or range(start, stop, step), e.g. range(10,50,10)"));
            return null;
        }
        if (step.signum() == 0) {
            problems.add(new ConfigProblem(label, null, "range's step must not be 0"));
            return null;
        }
        List<ConfigValue> out = new ArrayList<>();
        boolean whole = start.stripTrailingZeros().scale() <= 0 && step.stripTrailingZeros().scale() <= 0;
        for (BigDecimal v = start; step.signum() > 0 ? v.compareTo(stop) < 0 : v.compareTo(stop) > 0; v = v.add(step)) {
            if (out.size() == MAX_VALUES) {
                problems.add(new ConfigProblem(label, null, "range gives more than " + MAX_VALUES + " values"));
                return null;
            }
            Object number = whole ? (Object) v.longValueExact() : (Object) v.doubleValue();
            out.add(ConfigValueFactory.fromAnyRef(number, label));
        }
        if (out.isEmpty()) {
            problems.add(new ConfigProblem(label, null, "range gives no values (the stop is excluded, as in Hydra and Python: range(10,50,10)"
                    + " is 10, 20, 30, 40)"));
            return null;
        }
        return out;
    }
}
