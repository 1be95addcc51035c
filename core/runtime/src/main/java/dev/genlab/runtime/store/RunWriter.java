package dev.genlab.runtime.store;

import dev.genlab.runtime.tracking.RunInfo;
import dev.genlab.runtime.tracking.RunStatus;
import dev.genlab.runtime.tracking.RunTracker;
import dev.genlab.runtime.util.AtomicFiles;
import dev.genlab.runtime.util.Json;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** Writes one run of the {@link LocalRunStore}; the first and authoritative {@link RunTracker}. */
public final class RunWriter implements RunTracker, AutoCloseable {
    static final String RUN_FILE = "run.json";
    static final String PARAMS_FILE = "params.json";
    static final String TAGS_FILE = "tags.json";
    static final String METRICS_FILE = "metrics.jsonl";
    static final String RESULTS_FILE = "results.json";
    public static final String ARTIFACTS_DIR = "artifacts";
    /**
     * Space set aside when a run starts and given back when it ends, so that a run that filled the disk can still
     * record that it FAILED, and why (run.json and error.txt are a few KB).
     */
    static final String RESERVE_FILE = ".reserve";
    static final int RESERVE_BYTES = 256 * 1024;

    private final Path directory;
    private final Map<String, Object> run = new LinkedHashMap<>();
    private final Map<String, String> params = new TreeMap<>();
    private final Map<String, String> tags = new TreeMap<>();
    private final Map<String, Double> results = new LinkedHashMap<>();
    private BufferedWriter metrics;

    RunWriter(Path directory) {
        this.directory = directory;
    }

    public Path directory() {
        return directory;
    }

    public Path artifactsDirectory() {
        return directory.resolve(ARTIFACTS_DIR);
    }

    @Override
    public void started(RunInfo info) {
        run.put("id", info.id());
        run.put("name", info.name());
        run.put("experiment", info.experiment());
        if (info.parentId() != null) {
            run.put("parent", info.parentId());
        }
        run.put("status", RunStatus.RUNNING.name());
        run.put("start", info.startTimeMillis());
        run.put("pid", ProcessHandle.current().pid());
        try {
            Files.write(directory.resolve(RESERVE_FILE), new byte[RESERVE_BYTES]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        writeRun();
        try {
            metrics = Files.newBufferedWriter(directory.resolve(METRICS_FILE), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Adds extra fields to run.json (e.g. headline metric names). */
    public void runField(String key, Object value) {
        run.put(key, value);
        writeRun();
    }

    @Override
    public void params(Map<String, String> values) {
        params.putAll(values);
        write(PARAMS_FILE, params);
    }

    @Override
    public void tags(Map<String, String> values) {
        tags.putAll(values);
        write(TAGS_FILE, tags);
    }

    @Override
    public void metric(String key, double value, long step, long timestampMillis) {
        Map<String, Object> point = new LinkedHashMap<>();
        point.put("key", key);
        point.put("value", Double.isFinite(value) ? (Object) value : String.valueOf(value));
        point.put("step", step);
        point.put("timestamp", timestampMillis);
        try {
            metrics.write(Json.compact(point));
            metrics.write('\n');
            metrics.flush();
        } catch (IOException e) {
            java.nio.file.FileSystemException named = new java.nio.file.FileSystemException(directory.resolve(METRICS_FILE).toString(), null, e.getMessage());
            named.initCause(e);
            throw new UncheckedIOException(named);
        }
    }

    /** A final metric: a point at step 0 and an entry in results.json. */
    public void result(String key, double value, long timestampMillis) {
        results(Map.of(key, value), timestampMillis);
    }

    /**
     * A metric's final values at once: a point at step 0 each, and results.json rewritten once (not once per
     * value: a fidelity run on 200 columns reports 20,000 values).
     */
    public void results(Map<String, Double> values, long timestampMillis) {
        values.forEach((key, value) -> {
            metric(key, value, 0, timestampMillis);
            results.put(key, value);
        });
        Map<String, Object> out = new LinkedHashMap<>();
        results.forEach((k, v) -> out.put(k, Double.isFinite(v) ? (Object) v : String.valueOf(v)));
        write(RESULTS_FILE, out);
    }

    @Override
    public void artifact(String path, Path file) {
        // files are written into artifacts/ directly; nothing to copy
    }

    /** Writes a whole file of the run (outside artifacts), atomically. */
    public void file(String name, byte[] content) {
        try {
            AtomicFiles.write(directory.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Gives back the space set aside at the start (see {@link #RESERVE_FILE}); the run's last writes use it. */
    public void releaseReserve() {
        try {
            Files.deleteIfExists(directory.resolve(RESERVE_FILE));
        } catch (IOException ignored) {
            // nothing held: nothing to give back
        }
    }

    @Override
    public void ended(RunStatus status, String error, long endTimeMillis) {
        releaseReserve();
        run.put("status", status.name());
        run.put("end", endTimeMillis);
        if (error != null) {
            run.put("error", error);
        }
        writeRun();
        close();
    }

    @Override
    public void close() {
        if (metrics != null) {
            try {
                metrics.close();
            } catch (IOException ignored) {
                // closing after a flush per line: nothing is lost
            }
            metrics = null;
        }
    }

    private void writeRun() {
        write(RUN_FILE, run);
    }

    private void write(String name, Object value) {
        try {
            Json.write(directory.resolve(name), value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
