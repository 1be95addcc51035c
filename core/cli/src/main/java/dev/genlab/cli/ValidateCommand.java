package dev.genlab.cli;

import dev.genlab.runtime.Genlab;
import dev.genlab.runtime.config.Experiment;
import dev.genlab.runtime.run.PreparedRun;
import dev.genlab.runtime.run.RunListener;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValueFactory;
import dev.genlab.runtime.config.ConfigErrors;
import dev.genlab.runtime.config.ConfigProblem;
import dev.genlab.runtime.plugin.PluginDescriptor;
import dev.genlab.runtime.plugin.PluginKind;
import dev.genlab.runtime.plugin.PluginRegistry;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check an experiment file (keys, types, plugins, data, columns, split) without running it.")
final class ValidateCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "The experiment file (HOCON).")
    Path file;

    @Mixin
    ExperimentOptions overrides;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        Genlab genlab = common.genlab();
        com.typesafe.config.Config parsed = overrides.parse(genlab, file);
        String sweep = "";
        java.util.Set<String> warnings = new java.util.LinkedHashSet<>();
        if (dev.genlab.runtime.sweep.SweepPlanner.hasSweep(parsed)) {
            dev.genlab.runtime.sweep.SweepPlan plan = new dev.genlab.runtime.sweep.SweepPlanner(genlab.loader()).plan(file, parsed);
            warnings.addAll(plan.warnings());
            sweep = "; sweep of " + plan.trials().size() + " trials over " + String.join(", ", plan.axes()) + ", all valid"
                    + (plan.launcher() == null ? "" : ", launcher " + plan.launcher().name());
            // each distinct data setup (dataset block, split, sample) is prepared once: its sizes decide degenerate trials
            java.util.Map<String, List<String>> bySetup = new java.util.LinkedHashMap<>();
            for (dev.genlab.runtime.sweep.Trial t : plan.trials()) {
                com.typesafe.config.Config r = t.experiment().resolved();
                String setup = String.valueOf(r.hasPath("dataset") ? r.getValue("dataset").render() : "") + "|" + t.experiment().settings().split()
                        + "|" + t.experiment().settings().sample() + "|" + t.experiment().metrics().stream().map(m -> m.name()).toList();
                List<String> degenerate = bySetup.computeIfAbsent(setup, k -> genlab.prepare(t.experiment(), RunListener.SILENT).degenerate());
                degenerate.forEach(d -> warnings.add("trial " + t.label() + ": " + d));
            }
        }
        Experiment experiment;
        try {
            experiment = genlab.loader().validate(file, parsed);
        } catch (ConfigErrors e) {
            throw withDataProblems(genlab, parsed, e);
        }
        Genlab.store(experiment, null); // a tracking.directory that cannot hold runs, as run finds it
        PreparedRun prepared = genlab.prepare(experiment, RunListener.SILENT);
        if (sweep.isEmpty()) {
            prepared.degenerate().forEach(warnings::add);
        }
        warnings.forEach(w -> System.out.println("warning: " + w));
        System.out.println(file + ": ok — dataset " + prepared.experiment().dataset().type() + " (" + prepared.train().size() + " train / "
                + prepared.test().size() + " test), model " + prepared.experiment().model().type() + ", metrics "
                + String.join(", ", prepared.experiment().metrics().stream().map(m -> m.name()).toList()) + sweep);
        return Main.OK;
    }

    /**
     * Config errors and, where the data can still be loaded (the dataset and split blocks are fine), the data's problems
     * too, in one report: the data are prepared for the experiment without its broken sections and with a stand-in
     * model, whose own findings are left out.
     */
    private ConfigErrors withDataProblems(Genlab genlab, Config parsed, ConfigErrors errors) {
        Set<String> broken = new HashSet<>();
        for (ConfigProblem p : errors.problems()) {
            String top = p.path() == null ? "" : p.path().split("[.\\[]", 2)[0];
            if (top.isEmpty() || top.equals("dataset") || top.equals("split") || top.equals("seed")) {
                return errors; // the data cannot be loaded as the file means them
            }
            broken.add(top);
        }
        try {
            PluginRegistry registry = genlab.registry();
            PluginDescriptor dataset = registry.find(PluginKind.DATASET, parsed.hasPath("dataset.type") ? parsed.getString("dataset.type")
                    : parsed.getString("dataset"));
            PluginDescriptor model = registry.all(PluginKind.MODEL).stream()
                    .filter(m -> m.plugin().modalities().stream().anyMatch(dataset.plugin().modalities()::contains)).findFirst().orElse(null);
            if (model == null) {
                return errors;
            }
            Config reduced = parsed.withoutPath("sweep");
            for (String top : broken) {
                reduced = reduced.withoutPath(ConfigUtil.quoteString(top));
            }
            reduced = reduced.withValue("model", ConfigValueFactory.fromMap(Map.of("type", model.name())));
            if (broken.contains("metrics")) {
                reduced = reduced.withValue("metrics", ConfigValueFactory.fromIterable(List.of()));
            }
            genlab.prepare(genlab.loader().validate(file, reduced), RunListener.SILENT);
            return errors;
        } catch (ConfigErrors data) {
            List<ConfigProblem> all = new ArrayList<>(errors.problems());
            for (ConfigProblem p : data.problems()) {
                String top = p.path() == null ? "" : p.path().split("[.\\[]", 2)[0];
                if (!all.contains(p) && !top.equals("model") && !top.equals("sample")) {
                    all.add(p);
                }
            }
            return new ConfigErrors(all);
        } catch (RuntimeException e) {
            return errors; // nothing more to learn from the data
        }
    }
}
