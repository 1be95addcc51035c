package dev.genlab.runtime.config;

import dev.genlab.runtime.tracking.mlflow.MlflowHttp;
import dev.genlab.spi.PluginConfigException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The fixed sections of an experiment file (everything but {@code dataset}, {@code model} and {@code metrics}).
 * Defaults are in genlab-runtime's {@code reference.conf} at {@code genlab.experiment}.
 */
public record ExperimentSettings(Optional<String> name, long seed, Split split, Sample sample, Tracking tracking) {
    public ExperimentSettings {
        Objects.requireNonNull(name, "name is null");
        name.ifPresent(n -> {
            if (!n.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
                throw new PluginConfigException("name", "'" + n + "' is not a valid name (letters, digits, '.', '_', '-')");
            }
        });
    }

    /** How the real data is split into train and test. */
    public record Split(double test, boolean stratify, boolean useProvidedTest) {
        public Split {
            if (!(test > 0 && test < 1)) {
                throw new PluginConfigException("test", "must be a fraction strictly between 0 and 1, got " + test);
            }
        }
    }

    /** How much synthetic data to sample, and on what conditions. */
    public record Sample(Optional<Integer> rows, Map<String, String> conditions) {
        public Sample {
            rows.ifPresent(r -> {
                if (r <= 0) {
                    throw new PluginConfigException("rows", "must be at least 1, got " + r + " (leave it out to sample as many rows as the training set)");
                }
            });
            conditions = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(conditions)); // file order, for messages
        }
    }

    /** Where runs are recorded. */
    public record Tracking(String directory, Mlflow mlflow) {
        public Tracking {
            if (directory.isBlank()) {
                throw new PluginConfigException("directory", "must not be blank");
            }
        }
    }

    /**
     * MLflow tracking server, when one is used.
     *
     * @param register the registered model the run's fitted model becomes a new version of, if any
     */
    public record Mlflow(Optional<String> uri, Optional<String> experiment, Optional<String> register) {
        public Mlflow {
            if (uri.isPresent() && !uri.get().isBlank() && !MlflowHttp.isServerUri(uri.get())) {
                // the value is not echoed: it may hold a password
                throw new PluginConfigException("uri", MlflowHttp.NOT_A_SERVER);
            }
            register.ifPresent(r -> {
                if (!r.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,99}")) {
                    throw new PluginConfigException("register", "'" + r + "' is not a registered model name (letters, digits, '.', '_', '-';"
                            + " at most 100 characters), e.g. adult-ctgan");
                }
            });
        }
    }
}
