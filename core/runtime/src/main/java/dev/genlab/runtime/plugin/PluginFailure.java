package dev.genlab.runtime.plugin;

import dev.genlab.runtime.util.IoErrors;
import dev.genlab.spi.PluginConfigException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CancellationException;

/**
 * A plugin failed in one of its steps (construction, its check, load, fit, sample, save, evaluate). The message names
 * the plugin, its kind and where it came from, then the cause; a class the plugin needs but its jar lacks also says
 * how to ship it.
 */
public final class PluginFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private PluginFailure(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * {@code e}, thrown by plugin {@code d} in {@code step} ("fit", "sample", …), as a failure naming the plugin. A
     * cancellation passes through unchanged, and so does a failure that already names a plugin.
     */
    public static RuntimeException of(PluginDescriptor d, String step, Throwable e) {
        return of(d, d.name(), step, e);
    }

    /** {@link #of(PluginDescriptor, String, Throwable)} for a plugin used under another name ({@code metrics = [{ name = … }]}). */
    public static RuntimeException of(PluginDescriptor d, String instanceName, String step, Throwable e) {
        if (e instanceof CancellationException c) {
            return c;
        }
        if (e instanceof PluginFailure f) {
            return f;
        }
        String who = d.kind().label() + " plugin '" + d.name() + "'" + (instanceName.equals(d.name()) ? "" : " (as '" + instanceName + "')");
        return new PluginFailure(who + " from " + d.origin() + " failed in " + step + ": " + cause(e), e);
    }

    /** The cause in one sentence: a missing class with how to ship it, an I/O error's file and reason, else the message. */
    static String cause(Throwable e) {
        String missing = missingClass(e);
        if (missing != null) {
            return "class " + missing + " is missing: the plugin's jar does not contain it, and genlab shares only its SPI"
                    + " (dev.genlab.spi, jakarta.inject) and the JDK with plugins. " + HOW_TO_SHIP;
        }
        if (e instanceof IOException || e instanceof UncheckedIOException) {
            String io = IoErrors.describeOrNull(e);
            if (io != null) {
                return io;
            }
        }
        if (e instanceof PluginConfigException p) {
            return p.key() + ": " + p.getMessage();
        }
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            return e.getClass().getSimpleName();
        }
        return e instanceof IllegalStateException || e instanceof IllegalArgumentException ? m : e.getClass().getSimpleName() + ": " + m;
    }

    /** How to ship a plugin's dependencies; said wherever a class is found missing. */
    public static final String HOW_TO_SHIP = "Ship the plugin's dependencies with it: build one fat (shaded) jar, or put the"
            + " plugin's jar and its dependency jars together in a sub-directory of the plugin directory (they share one"
            + " class loader); 'genlab plugins --check DIR' lists every class a plugin directory lacks.";

    /** The binary name of the class a linkage error or a failed class lookup in {@code e}'s causes could not find, or null. */
    static String missingClass(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            boolean lookup = t instanceof NoClassDefFoundError || t instanceof ClassNotFoundException;
            // "Could not initialize class X": X is there, its static initialiser failed earlier
            if (lookup && t.getMessage() != null && !t.getMessage().startsWith("Could not initialize")) {
                return t.getMessage().trim().split("\\s+")[0].replace('/', '.');
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}
