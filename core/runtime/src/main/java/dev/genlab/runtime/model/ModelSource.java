package dev.genlab.runtime.model;

import dev.genlab.runtime.UserException;
import dev.genlab.runtime.output.FileDigest;
import dev.genlab.runtime.output.OutputManifest;
import dev.genlab.runtime.store.LocalRunStore;
import dev.genlab.runtime.store.RunWriter;
import dev.genlab.runtime.store.StoredRun;
import dev.genlab.runtime.tracking.mlflow.MlflowException;
import dev.genlab.runtime.tracking.mlflow.MlflowHttp;
import dev.genlab.runtime.tracking.mlflow.MlflowTrackingApi;
import dev.genlab.runtime.util.AtomicFiles;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where {@code genlab sample MODEL} finds the model: a local run id (or id prefix), a model directory,
 * {@code runs:/<mlflow-run-id>/model} or {@code models:/<name>/<version>}. The last two are downloaded from the
 * tracking server through its artifact proxy into a directory of the caller's, each file checked against the
 * digest its model card gives.
 */
public final class ModelSource {
    /** The model directory and what the user named. */
    public record Resolved(Path directory, String given) {
    }

    private ModelSource() {
    }

    /**
     * @param store       the local run store (for run ids)
     * @param trackingUri the MLflow server for {@code runs:/} and {@code models:/}, or null
     * @param download    an empty directory to download into
     */
    public static Resolved resolve(String model, LocalRunStore store, String trackingUri, MlflowHttp.Settings settings, Path download)
            throws IOException {
        if (model.startsWith("runs:/") || model.startsWith("models:/")) {
            if (trackingUri == null || trackingUri.isBlank()) {
                throw new UserException(model + ": an MLflow model needs a tracking server: give --tracking-uri URI or set MLFLOW_TRACKING_URI");
            }
            if (!MlflowHttp.isServerUri(trackingUri)) {
                throw new UserException("--tracking-uri: " + MlflowHttp.NOT_A_SERVER);
            }
            MlflowTrackingApi api = new MlflowTrackingApi(MlflowHttp.connect(trackingUri, settings));
            String artifacts = model.startsWith("runs:/") ? runArtifacts(api, model) : versionArtifacts(api, model);
            fetch(api, artifacts, download, model);
            return new Resolved(download, model);
        }
        Path dir = Path.of(model);
        if (Files.isDirectory(dir)) {
            if (Files.isRegularFile(dir.resolve(ModelCard.FILE))) {
                return new Resolved(dir, model);
            }
            if (Files.isRegularFile(dir.resolve(RunWriter.ARTIFACTS_DIR).resolve("model").resolve(ModelCard.FILE))) {
                return new Resolved(dir.resolve(RunWriter.ARTIFACTS_DIR).resolve("model"), model);
            }
        }
        Optional<StoredRun> run = store.find(model);
        if (run.isPresent()) {
            Path m = run.get().artifacts().resolve("model");
            if (!Files.isRegularFile(m.resolve(ModelCard.FILE))) {
                throw new UserException("run " + run.get().id() + " has no saved model (" + m + " has no " + ModelCard.FILE
                        + "; the run " + run.get().effectiveStatus() + (Files.isDirectory(m) ? " before genlab wrote model cards" : " before its model was saved") + ")");
            }
            return new Resolved(m, model);
        }
        throw new UserException("MODEL '" + model + "' is neither a run in " + store.root().toAbsolutePath().normalize()
                + " (by id or id prefix), nor a model directory, nor runs:/<mlflow-run-id>/model, nor models:/<name>/<version>");
    }

    /** The artifact-proxy path of {@code runs:/<id>/<path>}. */
    private static String runArtifacts(MlflowTrackingApi api, String model) {
        String rest = model.substring("runs:/".length());
        int slash = rest.indexOf('/');
        if (slash <= 0 || slash == rest.length() - 1) {
            throw new UserException(model + ": expected runs:/<mlflow-run-id>/model");
        }
        String runId = rest.substring(0, slash);
        MlflowTrackingApi.RemoteRun run;
        try {
            run = api.getRun(runId);
        } catch (MlflowException e) {
            if ("RESOURCE_DOES_NOT_EXIST".equals(e.errorCode()) || e.status() == 404) {
                throw new UserException(model + ": no run '" + runId + "' on " + api.http().server());
            }
            throw e;
        }
        return proxyPath(run.artifactUri() + "/" + rest.substring(slash + 1), model, api);
    }

    /** The artifact-proxy path of {@code models:/<name>/<version>}. */
    private static String versionArtifacts(MlflowTrackingApi api, String model) {
        String[] parts = model.substring("models:/".length()).split("/");
        if (parts.length != 2 || parts[0].isBlank() || !parts[1].matches("[0-9]+")) {
            throw new UserException(model + ": expected models:/<name>/<version>, e.g. models:/adult-ctgan/1");
        }
        MlflowTrackingApi.ModelVersion v;
        try {
            v = api.modelVersion(parts[0], parts[1]);
        } catch (MlflowException e) {
            if ("RESOURCE_DOES_NOT_EXIST".equals(e.errorCode()) || e.status() == 404) {
                throw new UserException(model + ": " + api.http().server() + " has no version " + parts[1] + " of registered model '" + parts[0] + "'");
            }
            throw e;
        }
        return proxyPath(v.source(), model, api);
    }

    private static String proxyPath(String uri, String model, MlflowTrackingApi api) {
        if (!uri.startsWith("mlflow-artifacts:")) {
            throw new UserException(model + " is stored at '" + uri + "', which " + api.http().server() + " does not serve through its artifact proxy;"
                    + " genlab downloads models over HTTP only (mlflow server --serve-artifacts)");
        }
        String path = URI.create(uri).getPath();
        while (path.startsWith("/")) {
            path = path.substring(1);
        }
        return path;
    }

    /** Downloads the model card, then every file it names, checking each digest. */
    private static void fetch(MlflowTrackingApi api, String root, Path into, String model) throws IOException {
        byte[] card;
        try {
            card = api.http().download(root + "/" + ModelCard.FILE);
        } catch (MlflowException e) {
            if (e.status() == 404) {
                throw new UserException(model + " is not a genlab model: it has no " + ModelCard.FILE);
            }
            throw e;
        }
        Files.createDirectories(into);
        AtomicFiles.write(into.resolve(ModelCard.FILE), card);
        ModelCard read = ModelCard.read(into);
        List<String> files = new ArrayList<>(List.of(ModelCard.CONFIG_FILE, ModelCard.MLMODEL_FILE));
        for (OutputManifest.Output f : read.files()) {
            Path target = into.resolve(f.path()).normalize();
            if (!target.startsWith(into)) {
                throw new UserException(model + ": the model card names a file outside the model: " + f.path());
            }
            Files.createDirectories(target.getParent());
            AtomicFiles.write(target, api.http().download(root + "/" + f.path()));
            if (!FileDigest.sha256(target).equals(f.sha256())) {
                throw new IOException(model + ": " + f.path() + " downloaded from " + api.http().server() + " does not match its sha256 in the model card");
            }
        }
        for (String f : files) {
            AtomicFiles.write(into.resolve(f), api.http().download(root + "/" + f));
        }
    }
}
