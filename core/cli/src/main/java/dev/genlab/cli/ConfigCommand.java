package dev.genlab.cli;

import com.typesafe.config.Config;
import dev.genlab.runtime.Genlab;
import dev.genlab.runtime.config.Experiment;
import dev.genlab.runtime.sweep.SweepPlan;
import dev.genlab.runtime.sweep.SweepPlanner;
import dev.genlab.runtime.sweep.Trial;
import dev.genlab.runtime.util.Json;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Hydra's {@code --cfg job}: the experiment as it would run, every key with where its value came from. */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = "Print the fully resolved experiment (every plugin default included), each key with its origin"
                + " (file:line, include, default, --set, -m, environment), and for a sweep the trials it expands to. Runs nothing.")
final class ConfigCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "The experiment file (HOCON).")
    Path file;

    @Mixin
    ExperimentOptions overrides;

    @Option(names = "--json", description = "JSON for machines: keys (key, value, origin), sweep trials, warnings.")
    boolean json;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        Genlab genlab = common.genlab();
        Config parsed = overrides.parse(genlab, file);
        Experiment experiment;
        SweepPlan plan = null;
        if (SweepPlanner.hasSweep(parsed)) {
            plan = new SweepPlanner(genlab.loader()).plan(file, parsed);
            experiment = plan.trials().get(0).experiment();
        } else {
            experiment = genlab.loader().validate(file, parsed);
        }
        Set<String> swept = plan == null ? Set.of() : plan.trials().get(0).assignments().keySet();
        List<ResolvedKeys.Key> keys = new java.util.ArrayList<>(ResolvedKeys.of(experiment, genlab.loader().experimentDefaults(), swept));
        if (plan != null) {
            keys.addAll(ResolvedKeys.ofLauncher(plan, experiment, parsed));
        }
        PrintStream out = System.out;
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("file", file.toString());
            doc.put("keys", keys.stream().map(k -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("key", k.path());
                m.put("value", k.json());
                m.put("origin", k.origin());
                return m;
            }).toList());
            if (plan != null) {
                Map<String, Object> sweep = new LinkedHashMap<>();
                sweep.put("axes", plan.axes());
                sweep.put("parallelism", plan.parallelism());
                sweep.put("launcher", plan.launcher() == null ? null : plan.launcher().name());
                sweep.put("trials", plan.trials().stream().map(t -> Map.of("index", t.index(), "set", t.assignments())).toList());
                sweep.put("warnings", plan.warnings());
                doc.put("sweep", sweep);
            }
            out.println(new String(Json.bytes(doc), StandardCharsets.UTF_8));
            return Main.OK;
        }
        Style style = Style.forStream(System.out, common.noColor);
        out.println(style.bold("# " + experiment.name() + " (" + file + ")" + (plan == null ? "" : ", trial #1 of the sweep")
                + ": every key, with where its value comes from"));
        int width = 0;
        for (ResolvedKeys.Key k : keys) {
            width = Math.max(width, Math.min(k.path().length() + 3 + k.value().length(), 60));
        }
        for (ResolvedKeys.Key k : keys) {
            String assignment = k.path() + " = " + k.value();
            out.println(assignment + " ".repeat(Math.max(1, width + 2 - assignment.length())) + style.dim("# " + k.origin()));
        }
        if (plan != null) {
            out.println();
            out.println(style.bold("sweep: " + plan.trials().size() + " trials over " + String.join(", ", plan.axes())
                    + (plan.launcher() == null ? ", " + plan.parallelism() + " at a time" : ", launcher " + plan.launcher().name()
                    + (plan.launcher().name().equals("processes") ? ", " + plan.parallelism() + " at a time" : ""))));
            for (Trial t : plan.trials()) {
                out.println("  #" + t.index() + "  " + t.label());
            }
            plan.warnings().forEach(w -> System.err.println(style.warning("warning: ") + w));
        }
        return Main.OK;
    }
}
