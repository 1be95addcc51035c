package dev.genlab.cli;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ctrl-C (SIGINT) and SIGTERM (what schedulers, Spark and {@code kill} send) while a run or sweep is going. The
 * first one only asks the work to stop: it sets the cancelled flag that training polls at every batch and the
 * runner between phases, so the run ends KILLED and the command exits 130 (SIGINT) or 143 (SIGTERM) by itself.
 *
 * <p>This replaces the JVM's default, which starts the JVM's exit at once: libtorch's static destructors then run
 * under a training step still inside native code, and the JVM crashed (SIGSEGV in
 * {@code at::accelerator::getAccelerator}, an {@code hs_err_pid*.log}, the run left RUNNING). A second signal stops
 * the process at once with the same exit code; {@code genlab runs} then shows the run as {@code KILLED (process gone)}.
 *
 * <p>A process that inherited SIGINT ignored (a background job of a script) keeps ignoring it, as the JVM does;
 * SIGTERM still works.
 */
final class Signals implements AutoCloseable {
    private final AtomicInteger exitCode = new AtomicInteger();
    private final Object previousInt;
    private final Object previousTerm;

    private Signals(AtomicBoolean cancelled, PrintStream err, String message) {
        java.util.function.BiConsumer<String, Integer> onSignal = (name, number) -> {
            int code = 128 + number;
            if (exitCode.compareAndSet(0, code)) {
                cancelled.set(true);
                err.println();
                err.println("SIG" + name + ": " + message + " (send it again to stop at once)");
                err.flush();
            } else {
                err.println("SIG" + name + " again: stopping now");
                err.flush();
                Runtime.getRuntime().halt(exitCode.get());
            }
        };
        this.previousInt = Native.install("INT", onSignal);
        this.previousTerm = Native.install("TERM", onSignal);
    }

    /** Handles SIGINT and SIGTERM until closed; {@code message} says what stopping means for this command. */
    static Signals cancelling(AtomicBoolean cancelled, PrintStream err, String message) {
        return new Signals(cancelled, err, message);
    }

    /** The exit code for a cancelled command: 130 after SIGINT, 143 after SIGTERM, 130 when cancelled otherwise. */
    int cancelledExitCode() {
        int code = exitCode.get();
        return code == 0 ? Main.CANCELLED : code;
    }

    @Override
    public void close() {
        Native.restore("INT", previousInt);
        Native.restore("TERM", previousTerm);
    }

    /**
     * {@code sun.misc.Signal} (module jdk.unsupported, there in every JDK since 9), reached by reflection because
     * {@code javac --release} does not expose it.
     */
    private static final class Native {
        private static final Class<?> SIGNAL;
        private static final Class<?> HANDLER;
        private static final Object SIG_IGN;

        static {
            Class<?> signal = null;
            Class<?> handler = null;
            Object ignore = null;
            try {
                signal = Class.forName("sun.misc.Signal");
                handler = Class.forName("sun.misc.SignalHandler");
                ignore = handler.getField("SIG_IGN").get(null);
            } catch (ReflectiveOperationException | LinkageError unavailable) {
                signal = null;
            }
            SIGNAL = signal;
            HANDLER = handler;
            SIG_IGN = ignore;
        }

        /** Installs the handler; the previous one, or null when signals cannot be handled here (e.g. -Xrs). */
        static Object install(String name, java.util.function.BiConsumer<String, Integer> onSignal) {
            if (SIGNAL == null) {
                return null;
            }
            try {
                Object signal = SIGNAL.getConstructor(String.class).newInstance(name);
                Object handler = java.lang.reflect.Proxy.newProxyInstance(Signals.class.getClassLoader(), new Class<?>[] {HANDLER}, (proxy, method, args) -> {
                    if (method.getName().equals("handle")) {
                        Object s = args[0];
                        onSignal.accept((String) SIGNAL.getMethod("getName").invoke(s), (Integer) SIGNAL.getMethod("getNumber").invoke(s));
                        return null;
                    }
                    return switch (method.getName()) {
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        default -> "genlab signal handler";
                    };
                });
                Object previous = handle(signal, handler);
                if (previous == SIG_IGN) {
                    // inherited as ignored (a background job of a script): keep it ignored, as the JVM itself would
                    handle(signal, SIG_IGN);
                }
                return previous;
            } catch (ReflectiveOperationException | IllegalArgumentException unavailable) {
                return null;
            }
        }

        static void restore(String name, Object previous) {
            if (SIGNAL == null || previous == null) {
                return;
            }
            try {
                handle(SIGNAL.getConstructor(String.class).newInstance(name), previous);
            } catch (ReflectiveOperationException | IllegalArgumentException ignored) {
                // nothing to restore
            }
        }

        private static Object handle(Object signal, Object handler) throws ReflectiveOperationException {
            try {
                return SIGNAL.getMethod("handle", SIGNAL, HANDLER).invoke(null, signal, handler);
            } catch (java.lang.reflect.InvocationTargetException e) {
                if (e.getCause() instanceof IllegalArgumentException iae) {
                    throw iae;
                }
                throw e;
            }
        }
    }
}
