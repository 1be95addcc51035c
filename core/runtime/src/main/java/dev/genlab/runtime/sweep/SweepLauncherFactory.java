package dev.genlab.runtime.sweep;

import com.typesafe.config.Config;
import dev.genlab.runtime.config.Problems;

/**
 * Where a sweep's trials run, chosen in the experiment file with {@code sweep.launcher { type = <name>, ... }} and
 * found with {@link java.util.ServiceLoader} like the plugins. Its settings are a record bound strictly over
 * {@link #defaults()} (an unknown key is a located error with a did-you-mean), and {@code genlab plugins} lists them.
 *
 * @param <S> the settings record (kebab-case keys, as plugin configs)
 */
public interface SweepLauncherFactory<S extends Record> {
    /** The {@code type} that selects this launcher. */
    String name();

    String description();

    Class<S> settingsClass();

    /** The settings' defaults, each key with its description as the comment above it (as a plugin's reference.conf). */
    Config defaults();

    /**
     * What the settings cannot say about themselves (an installation, an address that answers), checked before
     * anything is submitted or written. Problems are located at the key: {@code Problems.originOf(block, key)}.
     *
     * @param block the user's {@code sweep.launcher} block (without {@code type})
     */
    default void check(S settings, Config block, Problems problems) {
    }

    /** The launcher for one sweep; called after validation, once the sweep's parent run is about to be written. */
    SweepLauncher create(S settings, SweepLauncherContext context) throws Exception;
}
