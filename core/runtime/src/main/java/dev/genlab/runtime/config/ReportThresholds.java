package dev.genlab.runtime.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import dev.genlab.spi.Measure;
import dev.genlab.spi.MetricPlugin;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The experiment's {@code report} section: {@code report.thresholds { <metric>.<key> = x }} (pass or fail at
 * {@code x}, no warn band) or {@code = { pass = x, fail = y }}, for any score a configured metric declares. Each
 * key and value is checked against the metric's declaration: unknown keys get the judged measures as choices,
 * bounds must be ordered by the measure's goal.
 */
final class ReportThresholds {
    private ReportThresholds() {
    }

    static Map<String, Measure.Threshold> read(Config config, List<PluginSpec> metrics, Problems problems) {
        Map<String, Measure.Threshold> out = new LinkedHashMap<>();
        ConfigValue report = config.root().get("report");
        if (report == null || report.valueType() == ConfigValueType.NULL) {
            return out;
        }
        if (!(report instanceof ConfigObject obj)) {
            problems.add(report.origin(), "report", "expected an object, e.g. report { thresholds { detection.auc = 0.6 } }");
            return out;
        }
        for (Map.Entry<String, ConfigValue> e : obj.entrySet()) {
            if (!e.getKey().equals("thresholds")) {
                problems.add(e.getValue().origin(), "report." + e.getKey(), "unknown key" + Suggestions.didYouMean(e.getKey(), List.of("thresholds"))
                        + " (valid keys: thresholds)");
            }
        }
        ConfigValue thresholds = obj.get("thresholds");
        if (thresholds == null) {
            return out;
        }
        if (!(thresholds instanceof ConfigObject t)) {
            problems.add(thresholds.origin(), "report.thresholds", "expected an object of metric keys, e.g. { detection.auc = 0.6 }");
            return out;
        }
        Map<String, ConfigValue> flat = new LinkedHashMap<>();
        t.toConfig().entrySet().forEach(x -> flat.put(x.getKey(), x.getValue()));
        Map<String, Map<String, ConfigValue>> bounds = new LinkedHashMap<>();
        for (Map.Entry<String, ConfigValue> x : flat.entrySet()) {
            String key = x.getKey();
            // the whole path names a measure (a bare number) unless it ends in .pass / .fail of one
            int dot = key.lastIndexOf('.');
            String last = dot < 0 ? "" : key.substring(dot + 1);
            if (declaration(key, metrics).isEmpty() && (last.equals("pass") || last.equals("fail"))) {
                bounds.computeIfAbsent(key.substring(0, dot), k -> new LinkedHashMap<>()).put(last, x.getValue());
            } else if (declaration(key, metrics).isEmpty() && dot > 0 && declaration(key.substring(0, dot), metrics).isPresent()) {
                // { pas = 0.9, fail = 0.8 }: a bound with a typo, not a measure of its own
                problems.add(x.getValue().origin(), "report.thresholds." + key, "unknown key '" + last + "'"
                        + Suggestions.didYouMean(last, List.of("pass", "fail")) + " (valid keys: pass, fail)");
                bounds.computeIfAbsent(key.substring(0, dot), k -> new LinkedHashMap<>());
            } else {
                bounds.computeIfAbsent(key, k -> new LinkedHashMap<>()).put("", x.getValue());
            }
        }
        for (Map.Entry<String, Map<String, ConfigValue>> b : bounds.entrySet()) {
            String path = "report.thresholds." + b.getKey();
            if (b.getValue().isEmpty()) {
                continue; // only a mistyped bound, reported above
            }
            ConfigValue any = b.getValue().values().iterator().next();
            Optional<Measure> measure = declaration(b.getKey(), metrics);
            if (measure.isEmpty()) {
                List<String> judged = judged(metrics);
                problems.add(any.origin(), path, "no score '" + b.getKey() + "' is declared by the experiment's metrics"
                        + Suggestions.didYouMean(b.getKey(), judged) + " (judged by default: " + String.join(", ", judged)
                        + "; any declared score of a configured metric may be given a threshold)");
                continue;
            }
            Double pass;
            Double fail;
            if (b.getValue().containsKey("")) {
                pass = number(b.getValue().get(""), path, problems);
                fail = pass;
            } else {
                if (!b.getValue().containsKey("pass") || !b.getValue().containsKey("fail")) {
                    problems.add(any.origin(), path, "give both pass and fail, e.g. { pass = 0.6, fail = 0.75 }, or one number");
                    continue;
                }
                pass = number(b.getValue().get("pass"), path + ".pass", problems);
                fail = number(b.getValue().get("fail"), path + ".fail", problems);
            }
            if (pass == null || fail == null) {
                continue;
            }
            try {
                measure.get().withThreshold(pass, fail);
            } catch (IllegalArgumentException ex) {
                problems.add(any.origin(), path, "pass " + pass + " must be at least as good as fail " + fail + " ("
                        + goalText(measure.get()) + ")");
                continue;
            }
            out.put(b.getKey(), new Measure.Threshold(pass, fail));
        }
        return out;
    }

    private static String goalText(Measure m) {
        return switch (m.goal()) {
            case MAXIMISE -> "higher is better";
            case MINIMISE -> "lower is better";
            default -> "closer to " + m.target() + " is better";
        };
    }

    private static Double number(ConfigValue v, String path, Problems problems) {
        if (v.unwrapped() instanceof Number n && Double.isFinite(n.doubleValue())) {
            return n.doubleValue();
        }
        problems.add(v.origin(), path, "expected a number but got " + v.valueType().name().toLowerCase(java.util.Locale.ROOT));
        return null;
    }

    /** The declared score a full key ({@code <metric name>.<key>}) names among the configured metrics. */
    static Optional<Measure> declaration(String fullKey, List<PluginSpec> metrics) {
        for (PluginSpec m : metrics) {
            if (fullKey.startsWith(m.name() + ".") && m.descriptor().plugin() instanceof MetricPlugin p) {
                Optional<Measure> found = Measure.find(p.measures(), fullKey.substring(m.name().length() + 1));
                if (found.isPresent() && found.get().isScore()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    /** The measures the configured metrics judge on the card by default, as full keys (patterns kept). */
    private static List<String> judged(List<PluginSpec> metrics) {
        List<String> out = new ArrayList<>();
        for (PluginSpec m : metrics) {
            if (m.descriptor().plugin() instanceof MetricPlugin p) {
                p.measures().stream().filter(x -> x.threshold().isPresent()).forEach(x -> out.add(m.name() + "." + x.key()));
            }
        }
        return out;
    }
}
