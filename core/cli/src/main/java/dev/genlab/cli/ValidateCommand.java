package dev.genlab.cli;

import dev.genlab.runtime.run.PreparedRun;
import dev.genlab.runtime.run.RunListener;
import java.nio.file.Path;
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

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a setting (repeatable).")
    List<String> overrides = new ArrayList<>();

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        dev.genlab.runtime.Genlab genlab = common.genlab();
        com.typesafe.config.Config parsed = genlab.loader().parse(file, overrides);
        String sweep = "";
        if (dev.genlab.runtime.sweep.SweepPlanner.hasSweep(parsed)) {
            dev.genlab.runtime.sweep.SweepPlan plan = new dev.genlab.runtime.sweep.SweepPlanner(genlab.loader()).plan(file, parsed);
            sweep = "; sweep of " + plan.trials().size() + " trials over " + String.join(", ", plan.axes()) + ", all valid";
        }
        PreparedRun prepared = genlab.prepare(genlab.loader().validate(file, parsed), RunListener.SILENT);
        System.out.println(file + ": ok — dataset " + prepared.experiment().dataset().type() + " (" + prepared.train().size() + " train / "
                + prepared.test().size() + " test), model " + prepared.experiment().model().type() + ", metrics "
                + String.join(", ", prepared.experiment().metrics().stream().map(m -> m.name()).toList()) + sweep);
        return Main.OK;
    }
}
