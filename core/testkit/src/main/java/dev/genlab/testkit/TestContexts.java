package dev.genlab.testkit;

import dev.genlab.spi.ArtifactSink;
import dev.genlab.spi.DatasetContext;
import dev.genlab.spi.Progress;
import dev.genlab.spi.PublicDomain;
import dev.genlab.spi.Seeds;
import dev.genlab.spi.TrainingContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;

/** Real, in-memory contexts for testing a plugin without the runtime. */
public final class TestContexts {
    private TestContexts() {
    }

    /** One point of a metric history, as a plugin logged it. */
    public record LoggedMetric(String key, double value, long step) {
    }

    /**
     * A training context that writes artifacts and checkpoints under {@code directory} and keeps logged metrics in
     * memory for assertions.
     */
    public static final class RecordingContext implements TrainingContext {
        private final long seed;
        private final Path directory;
        private final List<LoggedMetric> metrics = Collections.synchronizedList(new ArrayList<>());
        private final List<String> statuses = Collections.synchronizedList(new ArrayList<>());
        private final Map<String, Double> results = Collections.synchronizedMap(new LinkedHashMap<>());
        private final List<String> warnings = Collections.synchronizedList(new ArrayList<>());
        private final Optional<PublicDomain> publicDomain;
        private volatile boolean cancelled;

        public RecordingContext(long seed, Path directory) {
            this(seed, directory, Optional.empty());
        }

        /** A context that also hands the model a dataset's public domain, as a run does. */
        public RecordingContext(long seed, Path directory, Optional<PublicDomain> publicDomain) {
            this.seed = seed;
            this.directory = directory;
            this.publicDomain = Objects.requireNonNull(publicDomain, "publicDomain is null");
        }

        @Override
        public Optional<PublicDomain> publicDomain() {
            return publicDomain;
        }

        @Override
        public long seed() {
            return seed;
        }

        @Override
        public SplittableRandom random(String purpose) {
            return Seeds.random(seed, purpose);
        }

        /** Records every status text shown on a progress bar, for assertions; draws nothing. */
        @Override
        public Progress progress(String task, long total, String unit) {
            return new Progress() {
                @Override
                public void advance(long units) {
                }

                @Override
                public void status(String text) {
                    statuses.add(task + ": " + text);
                }

                @Override
                public void close() {
                }
            };
        }

        /** Each status text a progress bar showed, as {@code "task: text"}, in order. */
        public List<String> statuses() {
            synchronized (statuses) {
                return List.copyOf(statuses);
            }
        }

        @Override
        public ArtifactSink artifacts() {
            Path root = directory.resolve("artifacts");
            return new ArtifactSink() {
                @Override
                public void write(String path, byte[] content) throws IOException {
                    Path target = root.resolve(path);
                    Files.createDirectories(target.getParent());
                    Files.write(target, content);
                }

                @Override
                public void copy(String path, Path file) throws IOException {
                    write(path, Files.readAllBytes(file));
                }
            };
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        public void cancel() {
            cancelled = true;
        }

        @Override
        public void logMetric(String key, double value, long step) {
            metrics.add(new LoggedMetric(key, value, step));
        }

        @Override
        public void logResult(String key, double value) {
            results.put(key, value);
            logMetric(key, value, 0);
        }

        @Override
        public void warn(String message) {
            warnings.add(message);
        }

        /** The final values the model recorded with {@link #logResult}. */
        public Map<String, Double> results() {
            synchronized (results) {
                return Map.copyOf(results);
            }
        }

        /** The caveats the model recorded with {@link #warn}. */
        public List<String> warnings() {
            synchronized (warnings) {
                return List.copyOf(warnings);
            }
        }

        @Override
        public Path checkpointDirectory() {
            Path dir = directory.resolve("checkpoints");
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return dir;
        }

        public List<LoggedMetric> metrics() {
            synchronized (metrics) {
                return List.copyOf(metrics);
            }
        }

        /** The logged values of {@code key}, in logging order. */
        public List<Double> history(String key) {
            return metrics().stream().filter(m -> m.key().equals(key)).map(LoggedMetric::value).toList();
        }
    }

    public static RecordingContext training(long seed, Path directory) {
        return new RecordingContext(seed, directory);
    }

    /** A training context whose run's dataset declared {@code publicDomain}. */
    public static RecordingContext training(long seed, Path directory, Optional<PublicDomain> publicDomain) {
        return new RecordingContext(seed, directory, publicDomain);
    }

    /** A dataset context resolving relative paths against {@code baseDirectory}, for a run with seed 0. */
    public static DatasetContext dataset(Path baseDirectory) {
        return dataset(baseDirectory, 0);
    }

    /** A dataset context resolving relative paths against {@code baseDirectory}, for a run with {@code seed}. */
    public static DatasetContext dataset(Path baseDirectory, long seed) {
        return new DatasetContext() {
            @Override
            public Path resolve(String path) {
                return baseDirectory.resolve(path).normalize();
            }

            @Override
            public long seed() {
                return seed;
            }
        };
    }
}
