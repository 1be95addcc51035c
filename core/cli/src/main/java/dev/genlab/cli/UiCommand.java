package dev.genlab.cli;

import dev.genlab.runtime.UserException;
import dev.genlab.runtime.store.LocalRunStore;
import dev.genlab.runtime.tracking.mlflow.MlflowServer;
import dev.genlab.runtime.tracking.mlflow.MlflowUi;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "ui", mixinStandardHelpOptions = true,
        description = {"Start the MLflow UI on 127.0.0.1 over a local SQLite store and sync the local runs into it; Ctrl-C stops it.",
            "Needs the 'mlflow' command (MLFLOW_BIN or the PATH)."})
final class UiCommand implements Callable<Integer> {
    @Option(names = "--runs", paramLabel = "DIR", description = "Local run store (default: runs, or GENLAB_RUNS).")
    Path runs;

    @Option(names = "--port", paramLabel = "PORT", description = "Port on 127.0.0.1 (default: ${DEFAULT-VALUE}).", defaultValue = "5000")
    int port;

    @Option(names = "--store", paramLabel = "DIR", description = "Where the UI's server keeps its database and artifacts (default: <runs>/.mlflow-ui).")
    Path store;

    @Override
    public Integer call() throws Exception {
        Path root = runs != null ? runs : Path.of(System.getenv().getOrDefault("GENLAB_RUNS", "runs"));
        Path executable = MlflowServer.findExecutable(System.getenv()).orElseThrow(() -> new UserException(MlflowUi.installHint()));
        Path directory = store != null ? store : MlflowUi.defaultDirectory(root);
        System.err.println("starting MLflow (" + executable + ") with its store in " + directory.toAbsolutePath().normalize() + " …");
        MlflowUi.Started started = MlflowUi.start(executable, new LocalRunStore(root), directory, port);
        try (MlflowServer server = started.server()) {
            if (!started.results().isEmpty()) {
                SyncCommand.report(started.results(), root);
            }
            System.out.println();
            System.out.println("MLflow UI: " + server.uri() + "   (Ctrl-C to stop)");
            System.out.flush();
            while (server.isAlive()) {
                Thread.sleep(500);
            }
            System.err.println("the MLflow server stopped; its log: " + server.log());
            return Main.RUN_FAILED;
        }
    }
}
