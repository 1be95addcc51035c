package dev.genlab.runtime.store;

import dev.genlab.runtime.UserException;
import dev.genlab.runtime.tracking.RunInfo;
import dev.genlab.runtime.util.IoErrors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The embedded run store: one directory per run under a root (default {@code runs/}).
 *
 * <pre>
 * runs/&lt;id&gt;/run.json         id, names, status, times, pid, error (replaced atomically at each change)
 *           config.conf      the resolved experiment, plugin defaults included
 *           params.json      flattened config
 *           tags.json        tags (provenance among them)
 *           provenance.json  seed, versions, dataset digest, Java/OS, git commit
 *           metrics.jsonl    metric points, one JSON object a line, appended and flushed as they come
 *           results.json     final metric values
 *           artifacts/       synthetic sample, model, plugin files
 * </pre>
 *
 * A run whose process died still says RUNNING in run.json; readers see that its pid is gone and report it as
 * unfinished ({@link StoredRun#effectiveStatus()}).
 */
public final class LocalRunStore {
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneId.systemDefault());
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path root;
    private final String what;

    /** A store at {@code root}; a user error if it, or the first of its parents that exists, is not a directory. */
    public LocalRunStore(Path root) {
        this(root, "run store " + Objects.requireNonNull(root, "root is null"));
    }

    /** A store at {@code root}, named {@code what} in user errors (e.g. {@code --runs x}, or a file, line and key). */
    public LocalRunStore(Path root, String what) {
        this.root = Objects.requireNonNull(root, "root is null");
        this.what = Objects.requireNonNull(what, "what is null");
        requireDirectory(root, what);
    }

    /**
     * Checks that {@code root} can hold runs before anything is written: it, or the first of its parents that
     * exists, must be a directory (Files.createDirectories would fail late, with FileAlreadyExistsException).
     * {@code what} names it in the message, e.g. {@code --runs x}.
     */
    public static void requireDirectory(Path root, String what) {
        Path absolute = root.toAbsolutePath().normalize();
        for (Path p = absolute; p != null; p = p.getParent()) {
            if (Files.isDirectory(p)) {
                return;
            }
            if (Files.exists(p) || Files.isSymbolicLink(p)) {
                throw new UserException(what + ": " + (p.equals(absolute) ? "" : p + " ") + "is not a directory; name a directory for the runs"
                        + " (it is created if missing)");
            }
        }
    }

    public Path root() {
        return root;
    }

    /** A new run id: time, name and a random suffix (ids never repeat, even for the same experiment). */
    public static String newRunId(String name, long startMillis) {
        byte[] b = new byte[3];
        RANDOM.nextBytes(b);
        String safe = name.replaceAll("[^A-Za-z0-9._-]", "-");
        return ID_TIME.format(Instant.ofEpochMilli(startMillis)) + "-" + safe + "-" + HexFormat.of().formatHex(b);
    }

    /** Creates the run's directory and marks it RUNNING. */
    public RunWriter create(RunInfo info) throws IOException {
        Path dir = root.resolve(info.id());
        try {
            Files.createDirectories(root);
            Files.createDirectory(dir);
        } catch (IOException e) {
            // nothing is written yet: a store that cannot be made (no such place, no permission) is the user's to fix
            throw new UserException(what + ": cannot hold runs (" + IoErrors.describe(e) + "); name a directory you can write");
        }
        RunWriter writer = new RunWriter(dir);
        try {
            writer.started(info);
        } catch (UncheckedIOException e) {
            // not even room to start (a full disk): leave nothing that looks like a run
            writer.close();
            dev.genlab.runtime.util.AtomicFiles.deleteTree(dir);
            throw new IOException("cannot start a run in " + dir + ": " + IoErrors.describe(e), e);
        }
        return writer;
    }

    public List<StoredRun> list() throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<StoredRun> runs = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path d : dirs.filter(Files::isDirectory).toList()) {
                if (Files.exists(d.resolve(RunWriter.RUN_FILE))) {
                    runs.add(StoredRun.read(d));
                }
            }
        }
        runs.sort(Comparator.comparingLong(StoredRun::startTimeMillis).thenComparing(StoredRun::id));
        return runs;
    }

    /** The run with this id, or the only run whose id starts with it. */
    public Optional<StoredRun> find(String idOrPrefix) throws IOException {
        Path exact = root.resolve(idOrPrefix);
        if (Files.exists(exact.resolve(RunWriter.RUN_FILE))) {
            return Optional.of(StoredRun.read(exact));
        }
        List<StoredRun> matches = list().stream().filter(r -> r.id().startsWith(idOrPrefix)).toList();
        return matches.size() == 1 ? Optional.of(matches.get(0)) : Optional.empty();
    }
}
