package dev.genlab.cli;

import dev.genlab.runtime.UserException;
import dev.genlab.runtime.report.Comparison;
import dev.genlab.runtime.store.LocalRunStore;
import dev.genlab.runtime.store.StoredRun;
import dev.genlab.runtime.util.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Compare local runs: per setting (runs that differ only in seed), mean ± std, min, max and n of every metric,",
            "a rank per metric (★ = best) and the best setting per metric family.",
            "A sweep's parent run stands for its trials."})
final class CompareCommand implements Callable<Integer> {
    @Parameters(paramLabel = "RUN_ID", arity = "0..*", description = "Run ids or unique prefixes (a sweep's parent id compares its trials).")
    List<String> runIds = new ArrayList<>();

    @Option(names = "--experiment", paramLabel = "NAME", description = "Compare every run of this experiment (sweep parents excluded).")
    String experiment;

    @Option(names = "--runs", paramLabel = "DIR", description = "Local run store (default: runs, or GENLAB_RUNS).")
    Path runs;

    @Option(names = "--csv", paramLabel = "FILE", description = "Also write every metric of every setting as CSV.")
    Path csv;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the comparison as JSON.")
    Path json;

    @Option(names = "--all", description = "Show per-column detail metrics too (the CSV and JSON always have them).")
    boolean all;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        if (runIds.isEmpty() && experiment == null) {
            throw new UserException("name the runs to compare (RUN_ID...) or an experiment (--experiment NAME)");
        }
        LocalRunStore store = new LocalRunStore(root(runs));
        List<StoredRun> everything = store.list();
        Set<String> parents = new LinkedHashSet<>();
        everything.forEach(r -> {
            if (r.parentId() != null) {
                parents.add(r.parentId());
            }
        });
        List<StoredRun> selected = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String id : runIds) {
            StoredRun run = find(store, id);
            List<StoredRun> children = everything.stream().filter(r -> run.id().equals(r.parentId())).toList();
            for (StoredRun r : children.isEmpty() ? List.of(run) : children) {
                if (seen.add(r.id())) {
                    selected.add(r);
                }
            }
        }
        if (experiment != null) {
            List<StoredRun> ofExperiment = everything.stream()
                    .filter(r -> experiment.equals(r.experiment()) && !parents.contains(r.id())).toList();
            if (ofExperiment.isEmpty()) {
                throw new UserException("no runs of experiment '" + experiment + "' in " + store.root().toAbsolutePath().normalize());
            }
            ofExperiment.stream().filter(r -> seen.add(r.id())).forEach(selected::add);
        }
        Comparison comparison = Comparison.of(selected);
        System.out.println(selected.size() + " runs in " + comparison.settings().size() + " settings"
                + " (mean ± sample std over each setting's runs; goals as each metric declares them: ↑ higher is better, ↓ lower,"
                + " → closest to a target; info and unknown goals are never ranked; ★ = the one best setting)");
        System.out.println();
        TextTable table = new TextTable(Comparison.header().toArray(String[]::new));
        comparison.rows(all).forEach(r -> table.row(r.toArray()));
        System.out.print(table.isEmpty() ? "no results recorded in these runs\n" : table.render());
        RunCommand.printAxes(System.out, comparison);
        RunCommand.printWarnings(System.out, comparison);
        if (comparison.settings().size() > 1) {
            System.out.println();
            RunCommand.printCard(System.out, dev.genlab.runtime.report.ScoreCard.ofSweep(comparison), true);
        }
        if (!comparison.best().isEmpty() && comparison.settings().size() > 1) {
            System.out.println();
            TextTable best = new TextTable("family", "best setting", "decided by", "value");
            for (Comparison.Best b : comparison.best()) {
                best.row(b.family(), b.setting(), b.metric().isEmpty() ? b.basis() : b.metric(), Comparison.format(b.mean()));
            }
            System.out.print(best.render());
        }
        if (csv != null) {
            write(csv, comparison.csv().getBytes(StandardCharsets.UTF_8));
        }
        if (json != null) {
            write(json, comparison.json());
        }
        return Main.OK;
    }

    private static void write(Path file, byte[] content) throws IOException {
        Path abs = file.toAbsolutePath();
        java.nio.file.Files.createDirectories(abs.getParent());
        AtomicFiles.write(abs, content);
        System.out.println("wrote " + abs.normalize());
    }

    static Path root(Path runs) {
        return runs != null ? runs : Path.of(System.getenv().getOrDefault("GENLAB_RUNS", "runs"));
    }

    /** The run with this id or unique id prefix; a user error naming the store otherwise. */
    static StoredRun find(LocalRunStore store, String idOrPrefix) throws IOException {
        return store.find(idOrPrefix).orElseThrow(() -> {
            long matches;
            try {
                matches = store.list().stream().filter(r -> r.id().startsWith(idOrPrefix)).count();
            } catch (IOException e) {
                matches = 0;
            }
            return new UserException(matches > 1
                    ? "'" + idOrPrefix + "' matches " + matches + " runs; give more of the id"
                    : "no run '" + idOrPrefix + "' in " + store.root().toAbsolutePath().normalize() + " (see 'genlab runs')");
        });
    }
}
