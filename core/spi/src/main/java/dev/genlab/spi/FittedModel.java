package dev.genlab.spi;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** A trained model. */
public interface FittedModel {
    /** {@code n} synthetic rows (or documents); the same seed gives the same data. */
    Data sample(int n, long seed);

    /**
     * {@code n} rows whose columns take the given values (e.g. {@code sex -> Female}). Models that cannot do this
     * leave the default, which refuses clearly; the runtime checks {@link #supportsConditions()} first.
     */
    default Data sample(int n, long seed, Map<String, String> conditions) {
        if (conditions.isEmpty()) {
            return sample(n, seed);
        }
        throw new UnsupportedOperationException("this model does not support conditional sampling");
    }

    default boolean supportsConditions() {
        return false;
    }

    /** Writes everything {@link GenerativeModel#load(Path)} needs into {@code directory} (which exists). */
    void save(Path directory) throws IOException;
}
