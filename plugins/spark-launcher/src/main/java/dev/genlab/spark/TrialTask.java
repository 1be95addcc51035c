package dev.genlab.spark;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.spark.SparkFiles;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function;

/**
 * A trial on an executor: {@code genlab run} in a child JVM (DJL allows one gradient collector per JVM, and an
 * executor may run several trials at once), into a run store of its own in a temporary directory, with MLflow off
 * (the submitting side pushes the run). Its run directory, zipped, is the task's result. A failed attempt that has
 * attempts left throws, so Spark runs the trial again; the last attempt returns its FAILED run like a local trial's.
 */
final class TrialTask implements Function<TrialSpec, TrialResult> {
    private static final long serialVersionUID = 1L;
    /** Placeholders in {@link TrialSpec#command()}: the unpacked bundle and the task's run store. */
    static final String BUNDLE = "{bundle}";
    static final String RUNS = "{runs}";
    /** The name {@code spark.archives} unpacks the bundle under ({@code genlab.zip#genlab}). */
    static final String ARCHIVE = "genlab";
    private static final int LOG_LIMIT = 1 << 20;

    @Override
    public TrialResult call(TrialSpec spec) throws Exception {
        TaskContext task = TaskContext.get();
        int attempt = task == null ? 0 : task.attemptNumber();
        Path bundle = bundle();
        Path work = Files.createTempDirectory("genlab-trial-" + spec.index() + "-");
        try {
            Path runs = work.resolve("runs");
            Path log = work.resolve("trial.log");
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            for (String part : spec.command()) {
                command.add(part.replace(BUNDLE, bundle.toString()).replace(RUNS, runs.toString()));
            }
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).directory(work.toFile());
            pb.environment().put("DJL_OFFLINE", "true");
            pb.environment().put("OPT_OUT_TRACKING", "true");
            pb.environment().put("GENLAB_THREADS", Integer.toString(spec.cores()));
            pb.environment().putIfAbsent("MKL_CBWR", "AUTO,STRICT");
            pb.environment().remove("MLFLOW_TRACKING_URI");
            Process process = pb.start();
            int exit;
            try {
                exit = process.waitFor();
            } catch (InterruptedException e) {
                // the job was cancelled (Ctrl-C on the driver): stop the trial, as a local sweep stops its processes
                process.destroy();
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
                throw e;
            }
            String output = tail(log);
            boolean lastAttempt = attempt + 1 >= spec.maxAttempts();
            if (exit != 0 && exit != 2 && !lastAttempt) {
                throw new IllegalStateException("trial #" + spec.index() + " (" + spec.label() + ") failed with exit code " + exit + " on attempt "
                        + (attempt + 1) + " of " + spec.maxAttempts() + "; its output:\n" + output);
            }
            return new TrialResult(exit, attempt, output, zip(runs));
        } finally {
            deleteTree(work);
        }
    }

    /** Where {@code spark.archives} unpacked genlab's bundle: under the task's files, else the working directory (YARN). */
    private static Path bundle() {
        List<Path> candidates = List.of(Path.of(SparkFiles.get(ARCHIVE)), Path.of(ARCHIVE).toAbsolutePath());
        for (Path p : candidates) {
            if (Files.isDirectory(p.resolve("lib"))) {
                return p;
            }
        }
        throw new IllegalStateException("genlab's files are not on this executor (looked in " + candidates + "); spark.archives did not reach it");
    }

    private static String tail(Path log) throws IOException {
        byte[] all = Files.exists(log) ? Files.readAllBytes(log) : new byte[0];
        int from = Math.max(0, all.length - LOG_LIMIT);
        return new String(all, from, all.length - from, StandardCharsets.UTF_8);
    }

    /** The run store's contents, zipped with paths relative to it ({@code <run id>/run.json}, ...). */
    static byte[] zip(Path runs) throws IOException {
        if (!Files.isDirectory(runs)) {
            return new byte[0];
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(runs)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        if (files.isEmpty()) {
            return new byte[0];
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Path f : files) {
                zip.putNextEntry(new ZipEntry(runs.relativize(f).toString().replace(File.separatorChar, '/')));
                try (InputStream in = Files.newInputStream(f)) {
                    in.transferTo(zip);
                }
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory: the executor's cleanup takes the rest
        }
    }
}
