package dev.genlab.runtime.tracking.mlflow;

import dev.genlab.runtime.UserException;
import dev.genlab.runtime.store.LocalRunStore;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code genlab ui}: a local MLflow server on 127.0.0.1 over a SQLite store next to the run store, with every
 * local run synced into it. The store persists, so the next start only pushes what is new.
 */
public final class MlflowUi {
    /** The version the docs and the tests use. */
    public static final String MLFLOW_VERSION = "3.17.2";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    /** A running UI and what the sync did. */
    public record Started(MlflowServer server, List<MlflowSync.Result> results) {
    }

    private MlflowUi() {
    }

    /**
     * MLflow 3's UI opens experiments in its GenAI view unless told otherwise: the experiment tag
     * {@code mlflow.experimentKind} is what it reads without its view switch, and this query is what it reads with
     * one (3.17 has the switch in its header, GenAI by default). genlab's links carry it.
     */
    static final String MODEL_TRAINING_VIEW = "?workflowType=machine_learning";

    /** An experiment's page, in the model-training view (its runs, trials nested under their sweep). */
    public static String experimentUrl(java.net.URI server, String experimentId) {
        return server + "/#/experiments/" + experimentId + MODEL_TRAINING_VIEW;
    }

    /** A run's page, in the model-training view. */
    public static String runUrl(java.net.URI server, String experimentId, String runId) {
        return server + "/#/experiments/" + experimentId + "/runs/" + runId + MODEL_TRAINING_VIEW;
    }

    /** The store of the UI's server for a run store: {@code <runs>/.mlflow-ui}. */
    public static Path defaultDirectory(Path runs) {
        return runs.resolve(".mlflow-ui");
    }

    /** What to tell a user without MLflow. */
    public static String installHint() {
        return "the 'mlflow' command is not installed (looked at MLFLOW_BIN and the PATH). Install it with\n"
                + "  python3 -m pip install 'mlflow==" + MLFLOW_VERSION + "'   (or: pipx install mlflow)\n"
                + "or point MLFLOW_BIN at an mlflow executable, then run 'genlab ui' again";
    }

    /** Starts the server on {@code port} and syncs every run of {@code store} into it. */
    public static Started start(Path executable, LocalRunStore store, Path directory, int port) throws IOException {
        if (port != 0) {
            try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                probe.setReuseAddress(true);
            } catch (IOException inUse) {
                throw new UserException("port " + port + " on 127.0.0.1 is in use; choose another with --port");
            }
        }
        MlflowServer server = MlflowServer.start(executable, directory, port, START_TIMEOUT);
        try {
            List<MlflowSync.Result> results = MlflowSync.syncStore(store, List.of(), server.uri().toString(), Map.of(), MlflowHttp.Settings.DEFAULT);
            return new Started(server, results);
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }
}
