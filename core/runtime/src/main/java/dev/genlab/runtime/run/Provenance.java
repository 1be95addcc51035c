package dev.genlab.runtime.run;

import dev.genlab.runtime.config.PluginSpec;
import dev.genlab.runtime.plugin.PluginDescriptor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Where a run's results came from: versions, platform, data digest, git commit. */
public final class Provenance {
    private Provenance() {
    }

    public static String genlabVersion() {
        String v = Provenance.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    public static Map<String, Object> of(PreparedRun run) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("seed", run.experiment().seed());
        p.put("experiment_file", run.experiment().file().toAbsolutePath().normalize().toString());
        p.put("genlab_version", genlabVersion());
        Map<String, Object> plugins = new LinkedHashMap<>();
        List<PluginSpec> specs = new java.util.ArrayList<>();
        specs.add(run.experiment().dataset());
        specs.add(run.experiment().model());
        specs.addAll(run.experiment().metrics());
        for (PluginSpec s : specs) {
            PluginDescriptor d = s.descriptor();
            plugins.put(d.kind().label() + "." + d.name(), Map.of("version", d.version(), "origin", d.origin()));
        }
        p.put("plugins", plugins);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("name", run.experiment().dataset().type());
        data.put("sha256", run.datasetDigest());
        data.put("sources", run.data().sources());
        data.put("size", run.data().data().size());
        data.put("train_size", run.train().size());
        data.put("test_size", run.test().size());
        p.put("dataset", data);
        p.put("java", System.getProperty("java.vendor") + " " + System.getProperty("java.version"));
        p.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        p.put("cpus", Runtime.getRuntime().availableProcessors());
        String commit = gitCommit(run.experiment().file().toAbsolutePath().getParent());
        if (commit != null) {
            p.put("git_commit", commit);
        }
        return p;
    }

    /** The commit of the git work tree holding {@code directory}, or null (no git, not a repo, or too slow). */
    public static String gitCommit(Path directory) {
        try {
            Process process = new ProcessBuilder("git", "rev-parse", "HEAD").directory(directory.toFile()).redirectErrorStream(false)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return null;
            }
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return process.exitValue() == 0 && out.matches("[0-9a-f]{40}") ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
