package dev.genlab.runtime.sweep;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import dev.genlab.runtime.config.Problems;
import dev.genlab.runtime.config.RecordBinder;
import dev.genlab.runtime.config.Suggestions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The sweep launchers on the classpath, by name ({@code local}, {@code processes}, and {@code spark} when
 * genlab-spark-launcher's jar is there), and the choice of one for a sweep: {@code sweep.launcher { type = ... }},
 * else in-process for {@code parallelism = 1} and local processes otherwise.
 */
public final class SweepLauncherRegistry {
    public static final String KEY = "launcher";

    private final Map<String, SweepLauncherFactory<?>> factories;

    public SweepLauncherRegistry(List<SweepLauncherFactory<?>> factories) {
        Map<String, SweepLauncherFactory<?>> byName = new TreeMap<>();
        for (SweepLauncherFactory<?> f : factories) {
            SweepLauncherFactory<?> before = byName.put(f.name(), f);
            if (before != null) {
                throw new IllegalStateException("two sweep launchers named '" + f.name() + "': " + where(before) + " and " + where(f));
            }
            org.slf4j.LoggerFactory.getLogger(SweepLauncherRegistry.class).debug("registered sweep launcher '{}' ({})", f.name(), where(f));
        }
        this.factories = java.util.Collections.unmodifiableMap(byName);
    }

    /** The launchers {@link ServiceLoader} finds next to the runtime. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    public static SweepLauncherRegistry discover() {
        List<SweepLauncherFactory<?>> found = new ArrayList<>();
        for (SweepLauncherFactory f : ServiceLoader.load(SweepLauncherFactory.class, SweepLauncherFactory.class.getClassLoader())) {
            found.add(f);
        }
        return new SweepLauncherRegistry(found);
    }

    private static String where(SweepLauncherFactory<?> f) {
        java.security.CodeSource source = f.getClass().getProtectionDomain().getCodeSource();
        return source == null || source.getLocation() == null ? f.getClass().getName() : source.getLocation().getPath();
    }

    public List<String> names() {
        return List.copyOf(factories.keySet());
    }

    public List<SweepLauncherFactory<?>> all() {
        return List.copyOf(factories.values());
    }

    /**
     * A chosen launcher with its bound settings.
     *
     * @param block the user's {@code sweep.launcher} block without {@code type} (empty when none was given)
     */
    public record Choice(SweepLauncherFactory<?> factory, Record settings, Config block) {
        public Choice {
            Objects.requireNonNull(factory, "factory is null");
            Objects.requireNonNull(settings, "settings is null");
            Objects.requireNonNull(block, "block is null");
        }

        public String name() {
            return factory.name();
        }

        /** The settings as they apply: the user's keys over the launcher's defaults. */
        public Config resolved() {
            return block.withFallback(factory.defaults());
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        public SweepLauncher create(SweepLauncherContext context) throws Exception {
            return ((SweepLauncherFactory) factory).create(settings, context);
        }
    }

    /**
     * The launcher {@code sweep} asks for; its problems (unknown type, unknown or mistyped keys, an installation
     * or address that does not answer) go to {@code problems} and the result is then null.
     */
    public Choice choose(ConfigObject sweep, int parallelism, Problems problems) {
        ConfigValue value = sweep.get(KEY);
        String path = "sweep." + KEY;
        if (value == null || value.valueType() == ConfigValueType.NULL) {
            String name = parallelism == 1 ? LocalLauncherFactory.NAME : ProcessesLauncherFactory.NAME;
            SweepLauncherFactory<?> f = factories.get(name);
            return f == null ? null : bind(f, ConfigFactory.empty(sweep.origin().description()), path, problems);
        }
        Config block;
        ConfigValue type;
        if (value.valueType() == ConfigValueType.STRING) {
            // launcher = spark: the type alone
            block = ConfigFactory.empty(value.origin().description());
            type = value;
        } else if (value instanceof ConfigObject obj) {
            block = obj.toConfig().withoutPath("type");
            type = obj.get("type");
        } else {
            problems.add(value.origin(), path, "expected a block, e.g. launcher { type = " + String.join(" | ", names()) + ", ... }");
            return null;
        }
        if (type == null || type.valueType() != ConfigValueType.STRING) {
            problems.add(type == null ? value.origin() : type.origin(), path + ".type", "expected the launcher's type (launchers: "
                    + String.join(", ", names()) + ")");
            return null;
        }
        String name = (String) type.unwrapped();
        SweepLauncherFactory<?> f = factories.get(name);
        if (f == null) {
            problems.add(type.origin(), path + ".type", "unknown launcher type '" + name + "'" + Suggestions.didYouMean(name, names())
                    + " (launchers: " + String.join(", ", names()) + ")"
                    + (name.equals("spark") ? "; the spark launcher is the jar genlab-spark-launcher, missing from genlab's lib directory" : ""));
            return null;
        }
        return bind(f, block, path, problems);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Choice bind(SweepLauncherFactory f, Config block, String path, Problems problems) {
        int before = problems.size();
        Record settings = RecordBinder.bind(f.settingsClass(), block, f.defaults(), path, "launcher '" + f.name() + "'", problems);
        Record known = settings;
        if (known == null) {
            // the other keys' problems too, in the same report: an unknown key must not hide a bad value
            Config knownBlock = block;
            for (String key : block.root().keySet()) {
                if (!RecordBinder.keys(f.settingsClass()).contains(key)) {
                    knownBlock = knownBlock.withoutPath(com.typesafe.config.ConfigUtil.quoteString(key));
                }
            }
            known = RecordBinder.bind(f.settingsClass(), knownBlock, f.defaults(), path, "launcher '" + f.name() + "'", new Problems());
        }
        if (known != null) {
            f.check(known, block, problems);
        }
        return settings != null && problems.size() == before ? new Choice(f, settings, block) : null;
    }
}
