package dev.genlab.spark;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * What every executor needs to run a trial, in one zip that {@code spark.archives} sends and unpacks as
 * {@code genlab/}:
 *
 * <pre>
 * lib/            genlab's classpath jars (the jars of bin/genlab's lib directory)
 * classes/N/      classpath directories (a build tree)
 * plugins/N/      each --plugins directory
 * experiment/     the experiment, resolved (includes, substitutions, --set, -m applied; no sweep block, no MLflow
 *                 server: the submitting side pushes the runs), and under files/N/ each file it names
 * </pre>
 *
 * A plugin setting "names a file" when it resolves, as a dataset path does, against the experiment file's directory
 * to an existing file; it is rewritten to the copy.
 */
final class TrialBundle {
    static final String EXPERIMENT_DIR = "experiment";
    private static final Set<String> PLUGIN_SECTIONS = Set.of("dataset", "model", "metrics");

    /** The bundle and the paths a trial's command uses inside it (relative to the unpacked bundle). */
    record Contents(Path zip, List<String> classpath, List<String> pluginDirs, String experiment, List<String> shippedFiles) {
    }

    private TrialBundle() {
    }

    static Contents write(Path zipFile, List<Path> classpath, List<Path> pluginDirs, Path experimentFile, Config experiment) throws IOException {
        List<String> cp = new ArrayList<>();
        List<String> plugins = new ArrayList<>();
        List<String> shipped = new ArrayList<>();
        Set<String> names = new HashSet<>();
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(zipFile))) {
            zip.setLevel(java.util.zip.Deflater.NO_COMPRESSION); // jars are compressed already; a sweep should not wait for this
            boolean jars = false;
            int dirs = 0;
            for (Path entry : classpath) {
                if (Files.isRegularFile(entry)) {
                    String name = entry.getFileName().toString();
                    for (int i = 2; !names.add(name); i++) {
                        name = i + "-" + entry.getFileName();
                    }
                    file(zip, "lib/" + name, entry);
                    jars = true;
                } else if (Files.isDirectory(entry)) {
                    String prefix = "classes/" + dirs++;
                    tree(zip, prefix, entry);
                    cp.add(TrialTask.BUNDLE + "/" + prefix);
                }
            }
            if (jars) {
                cp.add(0, TrialTask.BUNDLE + "/lib/*");
            } else {
                // the executors find lib/ to know the bundle arrived
                zip.putNextEntry(new ZipEntry("lib/"));
                zip.closeEntry();
            }
            for (int i = 0; i < pluginDirs.size(); i++) {
                tree(zip, "plugins/" + i, pluginDirs.get(i));
                plugins.add(TrialTask.BUNDLE + "/plugins/" + i);
            }
            Path base = experimentFile.toAbsolutePath().getParent();
            Config shippedConfig = experiment.withoutPath("sweep");
            if (shippedConfig.hasPath("tracking.mlflow.uri")) {
                shippedConfig = shippedConfig.withoutPath("tracking.mlflow.uri");
            }
            Map<String, Path> named = namedFiles(shippedConfig, base);
            int n = 0;
            for (Map.Entry<String, Path> e : named.entrySet()) {
                String copy = "files/" + n++ + "/" + e.getValue().getFileName();
                file(zip, EXPERIMENT_DIR + "/" + copy, e.getValue());
                shippedConfig = shippedConfig.withValue(e.getKey(), ConfigValueFactory.fromAnyRef(copy));
                shipped.add(e.getValue().toString());
            }
            String name = experimentFile.getFileName().toString();
            zip.putNextEntry(new ZipEntry(EXPERIMENT_DIR + "/" + name));
            zip.write(("# " + experimentFile + ", resolved for the sweep's trials on Spark\n"
                    + shippedConfig.root().render(ConfigRenderOptions.defaults().setOriginComments(false).setComments(false).setJson(false)))
                    .getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            return new Contents(zipFile, cp, plugins, TrialTask.BUNDLE + "/" + EXPERIMENT_DIR + "/" + name, shipped);
        }
    }

    /**
     * Paths of the plugins' string values ({@code dataset.*}, {@code model.*}, {@code metrics.*}) that name an
     * existing file, relative to {@code base} or absolute; the experiment's own keys ({@code name}, ...) are never
     * files.
     */
    static Map<String, Path> namedFiles(Config config, Path base) {
        Map<String, Path> out = new LinkedHashMap<>();
        for (Map.Entry<String, ConfigValue> e : config.entrySet()) {
            String section = e.getKey().split("[.\\[]", 2)[0];
            if (!PLUGIN_SECTIONS.contains(section) || e.getValue().valueType() != ConfigValueType.STRING) {
                continue;
            }
            String value = (String) e.getValue().unwrapped();
            if (value.isBlank() || value.length() > 4096 || value.indexOf('\0') >= 0) {
                continue;
            }
            try {
                Path p = base.resolve(value).normalize();
                if (Files.isRegularFile(p)) {
                    out.put(e.getKey(), p);
                }
            } catch (java.nio.file.InvalidPathException ignored) {
                // not a path
            }
        }
        return out;
    }

    private static void file(ZipOutputStream zip, String name, Path file) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        try (InputStream in = Files.newInputStream(file)) {
            in.transferTo(zip);
        }
        zip.closeEntry();
    }

    private static void tree(ZipOutputStream zip, String prefix, Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                file(zip, (prefix.isEmpty() ? "" : prefix + "/") + dir.relativize(f).toString().replace(java.io.File.separatorChar, '/'), f);
            }
        }
    }

    /** A jar of {@code classes} (the driver's classes when genlab runs from a build tree, not from its jar). */
    static void jar(Path classes, Path jar) throws IOException {
        try (OutputStream out = Files.newOutputStream(jar); ZipOutputStream zip = new java.util.jar.JarOutputStream(out)) {
            tree(zip, "", classes);
        }
    }
}
