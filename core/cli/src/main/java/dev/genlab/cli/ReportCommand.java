package dev.genlab.cli;

import dev.genlab.runtime.UserException;
import dev.genlab.runtime.report.HtmlReport;
import dev.genlab.runtime.store.LocalRunStore;
import dev.genlab.runtime.store.StoredRun;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"(Re)build the HTML report of a run and print its path.",
            "For a sweep's parent run, the report compares its trials."})
final class ReportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RUN_ID", description = "A run id, or a prefix of exactly one run's id.")
    String runId;

    @Option(names = "--runs", paramLabel = "DIR", description = "Local run store (default: runs, or GENLAB_RUNS).")
    Path runs;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        LocalRunStore store = new LocalRunStore(CompareCommand.root(runs));
        StoredRun run = CompareCommand.find(store, runId);
        List<StoredRun> children = store.list().stream().filter(r -> run.id().equals(r.parentId())).toList();
        Path page;
        if (children.isEmpty()) {
            page = HtmlReport.writeRun(run).get(HtmlReport.DIRECTORY + "/" + HtmlReport.FILE);
        } else {
            page = HtmlReport.writeSweep(children, run.artifacts().resolve(HtmlReport.DIRECTORY)).get(HtmlReport.FILE);
        }
        if (page == null) {
            throw new UserException("no report was written for run " + run.id());
        }
        System.out.println(page.toAbsolutePath().normalize());
        return Main.OK;
    }
}
