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
        PreparedRun prepared = common.genlab().prepare(file, overrides, RunListener.SILENT);
        System.out.println(file + ": ok — dataset " + prepared.experiment().dataset().type() + " (" + prepared.train().size() + " train / "
                + prepared.test().size() + " test), model " + prepared.experiment().model().type() + ", metrics "
                + String.join(", ", prepared.experiment().metrics().stream().map(m -> m.name()).toList()));
        return Main.OK;
    }
}
