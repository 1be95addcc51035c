package dev.genlab.cli;

import dev.genlab.runtime.UserException;
import dev.genlab.runtime.store.LocalRunStore;
import dev.genlab.runtime.tracking.mlflow.MlflowHttp;
import dev.genlab.runtime.tracking.mlflow.MlflowSync;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "sync", mixinStandardHelpOptions = true,
        description = {"Push local runs that MLflow has not seen, or has seen only in part, to an MLflow tracking server.",
            "Each run goes to --to URI, else to the tracking.mlflow.uri it was run with, else to MLFLOW_TRACKING_URI. "
                    + "Safe to repeat: pushed runs are not pushed again, partly pushed ones are completed, every metric point arrives once."})
final class SyncCommand implements Callable<Integer> {
    @Parameters(paramLabel = "RUN", arity = "0..*", description = "Runs to sync (ids or id prefixes; default: all).")
    List<String> selection = new ArrayList<>();

    @Option(names = "--to", paramLabel = "URI", description = "The MLflow tracking server, e.g. http://127.0.0.1:5000.")
    String to;

    @Option(names = "--runs", paramLabel = "DIR", description = "Local run store (default: runs, or GENLAB_RUNS).")
    Path runs;

    @Override
    public Integer call() throws Exception {
        if (to != null && !MlflowHttp.isServerUri(to)) { // an error even when there is nothing to sync; not echoed: it may hold a password
            throw new UserException("--to: " + MlflowHttp.NOT_A_SERVER);
        }
        Path root = runs != null ? runs : Path.of(System.getenv().getOrDefault("GENLAB_RUNS", "runs"));
        List<MlflowSync.Result> results = MlflowSync.syncStore(new LocalRunStore(root), selection, to, System.getenv(), MlflowHttp.Settings.DEFAULT);
        return report(results, root);
    }

    /** One line per run; exit 1 if any run failed to sync. */
    static int report(List<MlflowSync.Result> results, Path root) {
        if (results.isEmpty()) {
            System.out.println("no runs to sync in " + root.toAbsolutePath().normalize());
            return Main.OK;
        }
        TextTable table = new TextTable("run", "sync", "details");
        int failed = 0;
        for (MlflowSync.Result r : results) {
            table.row(r.runId(), r.outcome().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '), r.detail());
            failed += r.outcome() == MlflowSync.Outcome.FAILED ? 1 : 0;
        }
        System.out.print(table.render());
        if (failed > 0) {
            System.out.println(failed + " of " + results.size() + " runs did not sync completely; fix the cause above and run 'genlab sync' again");
            return Main.RUN_FAILED;
        }
        return Main.OK;
    }
}
