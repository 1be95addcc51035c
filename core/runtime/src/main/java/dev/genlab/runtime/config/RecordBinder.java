package dev.genlab.runtime.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import dev.genlab.spi.PluginConfigException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Binds a config block to a record, strictly: every key the user wrote must be a record component (kebab-case),
 * every component needs a value (from the user or the defaults) unless it is an {@code Optional}, and values
 * must have the component's type. Problems are collected, never thrown one at a time.
 */
public final class RecordBinder {
    private RecordBinder() {
    }

    /**
     * Binds {@code user} over {@code defaults} to {@code type}.
     *
     * @param path  the full key path of the block (e.g. {@code model}) for messages
     * @param owner what the block configures, for messages (e.g. {@code model type 'ctgan'})
     * @return the record, or null if there were problems (they are in {@code problems})
     */
    public static <R extends Record> R bind(Class<R> type, Config user, Config defaults, String path, String owner, Problems problems) {
        int before = problems.size();
        Object value = bindRecord(type, user, defaults, path, owner, problems);
        return problems.size() == before ? type.cast(value) : null;
    }

    /** The kebab-case keys of a record type, in declaration order. */
    public static List<String> keys(Class<? extends Record> type) {
        return Arrays.stream(type.getRecordComponents()).map(c -> ConfigNames.kebab(c.getName())).toList();
    }

    private static Object bindRecord(Class<?> type, Config user, Config defaults, String path, String owner, Problems problems) {
        RecordComponent[] components = type.getRecordComponents();
        Set<String> known = new LinkedHashSet<>();
        for (RecordComponent c : components) {
            known.add(ConfigNames.kebab(c.getName()));
        }
        for (Map.Entry<String, ConfigValue> e : user.root().entrySet()) {
            if (!known.contains(e.getKey())) {
                problems.add(e.getValue().origin(), ConfigNames.join(path, e.getKey()),
                        "unknown key for " + owner + Suggestions.didYouMean(e.getKey(), known)
                                + (known.isEmpty() ? " (it takes no settings)" : " (valid keys: " + String.join(", ", known) + ")"));
            }
        }
        Config merged = user.withFallback(defaults);
        Object[] args = new Object[components.length];
        boolean complete = true;
        int before = problems.size();
        for (int i = 0; i < components.length; i++) {
            RecordComponent c = components[i];
            String key = ConfigNames.kebab(c.getName());
            String fullPath = ConfigNames.join(path, key);
            ConfigValue v = merged.root().get(key);
            boolean absent = v == null || v.valueType() == ConfigValueType.NULL;
            Type t = c.getGenericType();
            if (c.getType() == Optional.class) {
                if (absent) {
                    args[i] = Optional.empty();
                } else {
                    Object inner = convert(v, typeArgument(t, 0), fullPath, sub(user, key), sub(defaults, key), owner, problems);
                    args[i] = inner == null ? null : Optional.of(inner);
                }
            } else if (absent) {
                problems.add(user.origin(), fullPath, "missing required key for " + owner
                        + (c.getType().isEnum() ? " (one of: " + String.join(", ", enumValues(c.getType())) + ")" : ""));
                complete = false;
            } else {
                args[i] = convert(v, t, fullPath, sub(user, key), sub(defaults, key), owner, problems);
            }
        }
        if (!complete || problems.size() != before) {
            return null;
        }
        try {
            Constructor<?> ctor = type.getDeclaredConstructor(Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
            ctor.setAccessible(true);
            return ctor.newInstance(args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof PluginConfigException pce) {
                problems.add(Problems.originOf(merged, pce.key()), ConfigNames.join(path, pce.key()), pce.getMessage());
            } else if (cause instanceof IllegalArgumentException || cause instanceof NullPointerException) {
                problems.add(user.origin(), path, "invalid settings for " + owner + ": " + cause.getMessage());
            } else {
                throw new IllegalStateException("config record " + type.getName() + " threw while being built", cause);
            }
            return null;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build config record " + type.getName(), e);
        }
    }

    private static Config sub(Config config, String key) {
        ConfigValue v = config.root().get(key);
        return v instanceof ConfigObject o ? o.toConfig() : ConfigFactory.empty();
    }

    private static Type typeArgument(Type t, int index) {
        if (t instanceof ParameterizedType p) {
            return p.getActualTypeArguments()[index];
        }
        throw new IllegalStateException("config record component of type " + t + " needs a type argument");
    }

    private static Class<?> raw(Type t) {
        if (t instanceof Class<?> c) {
            return c;
        }
        if (t instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        throw new IllegalStateException("unsupported config type " + t);
    }

    private static List<String> enumValues(Class<?> enumType) {
        List<String> out = new ArrayList<>();
        for (Object c : enumType.getEnumConstants()) {
            out.add(ConfigNames.enumValue((Enum<?>) c));
        }
        return out;
    }

    private static String describe(ConfigValue v) {
        return switch (v.valueType()) {
            case STRING -> "the string \"" + v.unwrapped() + "\"";
            case NUMBER -> "the number " + v.unwrapped();
            case BOOLEAN -> "the boolean " + v.unwrapped();
            case LIST -> "a list";
            case OBJECT -> "an object";
            case NULL -> "null";
        };
    }

    private static Object convert(ConfigValue v, Type t, String path, Config user, Config defaults, String owner, Problems problems) {
        Class<?> raw = raw(t);
        Object u = v.unwrapped();
        if (raw == int.class || raw == Integer.class || raw == long.class || raw == Long.class) {
            Double d = number(v);
            boolean isInt = raw == int.class || raw == Integer.class;
            if (d == null || d != Math.rint(d) || Double.isInfinite(d)) {
                problems.add(v.origin(), path, "expected " + (isInt ? "an integer" : "a whole number") + " but got " + describe(v));
                return null;
            }
            // a double at or beyond ±2^63 would be clamped to Long.MIN/MAX_VALUE without a word
            if (isInt ? d > Integer.MAX_VALUE || d < Integer.MIN_VALUE : d >= 0x1p63 || d < -0x1p63) {
                problems.add(v.origin(), path, "expected " + (isInt ? "an integer" : "a whole number") + " from "
                        + (isInt ? Integer.MIN_VALUE + " to " + Integer.MAX_VALUE : Long.MIN_VALUE + " to " + Long.MAX_VALUE)
                        + " but got " + v.render().replace("\"", "") + ", which is out of range");
                return null;
            }
            return isInt ? Integer.valueOf(d.intValue()) : (Object) Long.valueOf(longValue(v, d));
        }
        if (raw == double.class || raw == Double.class) {
            Double d = number(v);
            if (d == null) {
                problems.add(v.origin(), path, "expected a number but got " + describe(v));
            }
            return d;
        }
        if (raw == boolean.class || raw == Boolean.class) {
            if (u instanceof Boolean b) {
                return b;
            }
            if (u instanceof String s) {
                switch (s) {
                    case "true", "yes", "on" -> {
                        return Boolean.TRUE;
                    }
                    case "false", "no", "off" -> {
                        return Boolean.FALSE;
                    }
                    default -> {
                    }
                }
            }
            problems.add(v.origin(), path, "expected true or false but got " + describe(v));
            return null;
        }
        if (raw == String.class) {
            if (v.valueType() == ConfigValueType.LIST || v.valueType() == ConfigValueType.OBJECT) {
                problems.add(v.origin(), path, "expected a string but got " + describe(v));
                return null;
            }
            return String.valueOf(u);
        }
        if (raw.isEnum()) {
            List<String> names = enumValues(raw);
            if (u instanceof String s) {
                int i = names.indexOf(s);
                if (i >= 0) {
                    return raw.getEnumConstants()[i];
                }
                problems.add(v.origin(), path, "'" + s + "' is not valid" + Suggestions.didYouMean(s, names)
                        + " (valid values: " + String.join(", ", names) + ")");
            } else {
                problems.add(v.origin(), path, "expected one of " + String.join(", ", names) + " but got " + describe(v));
            }
            return null;
        }
        if (raw == List.class) {
            if (!(v.valueType() == ConfigValueType.LIST)) {
                problems.add(v.origin(), path, "expected a list but got " + describe(v));
                return null;
            }
            Type element = typeArgument(t, 0);
            List<Object> out = new ArrayList<>();
            int i = 0;
            boolean ok = true;
            for (ConfigValue item : (Iterable<ConfigValue>) ((com.typesafe.config.ConfigList) v)) {
                Object x = convert(item, element, path + "[" + i++ + "]", ConfigFactory.empty(), ConfigFactory.empty(), owner, problems);
                ok &= x != null;
                out.add(x);
            }
            return ok ? List.copyOf(out) : null;
        }
        if (raw == Map.class) {
            if (!(v instanceof ConfigObject obj)) {
                problems.add(v.origin(), path, "expected an object ({ key = value, ... }) but got " + describe(v));
                return null;
            }
            Type valueType = typeArgument(t, 1);
            Map<String, Object> out = new LinkedHashMap<>();
            boolean ok = true;
            for (Map.Entry<String, ConfigValue> e : obj.entrySet()) {
                Object x = convert(e.getValue(), valueType, path + "." + e.getKey(), ConfigFactory.empty(), ConfigFactory.empty(), owner, problems);
                ok &= x != null;
                out.put(e.getKey(), x);
            }
            return ok ? java.util.Collections.unmodifiableMap(out) : null;
        }
        if (raw.isRecord()) {
            if (!(v instanceof ConfigObject)) {
                problems.add(v.origin(), path, "expected an object ({ ... }) but got " + describe(v));
                return null;
            }
            return bindRecord(raw, user, defaults, path, owner, problems);
        }
        throw new IllegalStateException("config records cannot have components of type " + t + " (at " + path + ")");
    }

    private static long longValue(ConfigValue v, double d) {
        Object u = v.unwrapped();
        if (u instanceof Number n && !(u instanceof Double)) {
            return n.longValue();
        }
        if (u instanceof String s) {
            try {
                return Long.parseLong(s.trim());
            } catch (NumberFormatException ignored) {
                return (long) d;
            }
        }
        return (long) d;
    }

    private static Double number(ConfigValue v) {
        Object u = v.unwrapped();
        if (u instanceof Number n) {
            return n.doubleValue();
        }
        if (u instanceof String s) {
            try {
                double d = Double.parseDouble(s.trim());
                return Double.isNaN(d) ? null : d;
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}
