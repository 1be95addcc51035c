package dev.genlab.cli;

import com.typesafe.config.Config;
import dev.genlab.runtime.Genlab;
import dev.genlab.runtime.sweep.Multirun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** What the command line changes in an experiment file: {@code --set}, {@code --unset} and {@code -m} (multirun axes). */
final class ExperimentOptions {
    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a setting, e.g. --set model.epochs=10; KEY=null removes it,"
            + " KEY={...} replaces a whole block (repeatable).")
    List<String> sets = new ArrayList<>();

    @Option(names = "--unset", paramLabel = "KEY", description = "Remove a key or a whole block from the experiment, e.g. --unset sweep.per-model"
            + " (repeatable).")
    List<String> unsets = new ArrayList<>();

    @Option(names = {"-m", "--multirun"}, paramLabel = "KEY=V1,V2", description = "Add a sweep axis, Hydra style: -m model.type=copula,ctgan,"
            + " -m model.epochs=range(10,50,10) (stop excluded), -m seed=1,2,3 (repeatable; combines with the file's sweep).")
    List<String> multirun = new ArrayList<>();

    /** The experiment as read, overridden and (with {@code -m}) given sweep axes; user errors name the option. */
    Config parse(Genlab genlab, Path file) {
        Config parsed = genlab.loader().parse(file, sets, unsets);
        return multirun.isEmpty() ? parsed : Multirun.apply(parsed, multirun);
    }

    /** The {@code --set} arguments that make a trial's process see the same experiment (removals as {@code key=null}). */
    List<String> forTrials() {
        List<String> out = new ArrayList<>();
        unsets.forEach(u -> out.add(u.trim() + "=null"));
        out.addAll(sets);
        return out;
    }
}
