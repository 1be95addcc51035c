package dev.genlab.plugin.djl;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import dev.genlab.spi.PluginConfigException;

/**
 * The one door to DJL's PyTorch engine. It switches DJL's offline mode and tracking opt-out on before the engine
 * class first loads (so nothing is ever downloaded and no telemetry connection is attempted), and it is where the
 * engine gets seeded and devices are chosen. The native library comes from the {@code pytorch-native-cpu} jar on
 * the class path, extracted once into {@code DJL_CACHE_DIR}. Before the engine loads it also sets the thread policy
 * ({@link #threads()}) and glibc's allocator ({@link NativeMemory}).
 */
public final class DjlEngine {
    public static final String ENGINE_NAME = "PyTorch";

    /** Environment variable (or system property {@code genlab.threads}) that overrides the thread policy. */
    public static final String THREADS_VARIABLE = "GENLAB_THREADS";
    static final String INTRA_OP = "ai.djl.pytorch.num_threads";
    static final String INTER_OP = "ai.djl.pytorch.num_interop_threads";

    static {
        offline();
        threads();
        NativeMemory.apply();
    }

    private DjlEngine() {
    }

    /**
     * Sets DJL's offline switches as system properties unless the user set them already. DJL reads them through
     * {@code Utils.getEnvOrSystemProperty}, environment first, so a launcher's environment still wins.
     */
    public static void offline() {
        setIfAbsent("ai.djl.offline", "true");
        setIfAbsent("OPT_OUT_TRACKING", "true");
        setIfAbsent("DJL_OFFLINE", "true");
    }

    /**
     * The thread policy, applied before the engine loads (PyTorch fixes its thread counts at start): unless the user
     * chose ({@code GENLAB_THREADS=N}, {@code -Dgenlab.threads=N} or DJL's own {@code -Dai.djl.pytorch.num_threads}),
     * intra-op threads = the cores idle right now ({@link FreeCores}, measured over 100 ms from {@code /proc/stat}),
     * at least 1; one inter-op thread. Sized to the free cores, an OpenMP team does not start with more threads than
     * there are cores to run them, which is what made a 2-thread epoch 3-10x slower beside one busy process (OpenMP's
     * threads spin while they wait for each other). Returns the intra-op thread count in force.
     */
    public static int threads() {
        String chosen = firstNonBlank(System.getProperty("genlab.threads"), System.getenv(THREADS_VARIABLE));
        if (chosen != null) {
            int n;
            try {
                n = Integer.parseInt(chosen.trim());
            } catch (NumberFormatException e) {
                n = -1;
            }
            if (n < 1) {
                // the genlab command refuses this before anything loads (exit 2); embedded, warn and go on
                n = FreeCores.measure();
                System.err.println("warning: " + THREADS_VARIABLE + " must be a whole number of threads >= 1, not '" + chosen
                        + "'; using the " + n + " free core(s)");
            }
            System.setProperty(INTRA_OP, Integer.toString(n));
        } else if (System.getProperty(INTRA_OP) == null && System.getenv(INTRA_OP) == null) {
            System.setProperty(INTRA_OP, Integer.toString(FreeCores.measure()));
        }
        setIfAbsent(INTER_OP, "1");
        return Integer.parseInt(System.getProperty(INTRA_OP, System.getenv(INTRA_OP)).trim());
    }

    /** The intra-op thread count in force (after {@link #threads()} has applied the policy). */
    public static int threadsInForce() {
        String n = System.getProperty(INTRA_OP, System.getenv(INTRA_OP));
        try {
            return n == null ? 1 : Math.max(1, Integer.parseInt(n.trim()));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /**
     * Runs the engine work the calling thread issues on {@code n} intra-op threads until the returned scope closes,
     * which restores the count from before. For a caller that keeps cores for its own Java work meanwhile (a sample
     * decoded on one thread while the engine generates the next chunk on the others). PyTorch keeps this count per
     * calling thread (OpenMP's and MKL's) and for the process (its own): no other thread should use the engine
     * while the scope is open.
     */
    public static ThreadScope intraOpThreads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("need at least 1 intra-op thread, not " + n);
        }
        engine();
        int before = JniUtils.getNumThreads();
        JniUtils.setNumThreads(n);
        return () -> JniUtils.setNumThreads(before);
    }

    /** What {@link #intraOpThreads} returns: closing it restores the thread count (and throws nothing). */
    public interface ThreadScope extends AutoCloseable {
        @Override
        void close();
    }

    private static String firstNonBlank(String a, String b) {
        return a != null && !a.isBlank() ? a : b != null && !b.isBlank() ? b : null;
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null && System.getenv(key) == null) {
            System.setProperty(key, value);
        }
    }

    /** The PyTorch engine, loaded on first use (about 0.7 s; the very first start extracts the library, ~5 s). */
    public static Engine engine() {
        return Engine.getEngine(ENGINE_NAME);
    }

    /**
     * Seeds the engine's own generator (dropout masks and any other engine-side randomness). The PyTorch
     * generator is process-wide: seed it right before the work that depends on it.
     */
    public static void seed(long seed) {
        engine().setRandomSeed((int) (seed ^ (seed >>> 32)) & 0x7fffffff);
    }

    /**
     * A new array of {@code shape} in {@code manager} holding standard normal draws from the engine's generator,
     * seeded with {@code seed} for this call alone: the seeding and the draw happen under one lock, so threads that
     * draw this way at once (the chunks of a sample, generated on several threads) each get their own seed's draws.
     * The engine's normals are vectorised: a chunk's latent noise costs about half what the host's ziggurat does.
     */
    public static NDArray normals(NDManager manager, long seed, Shape shape) {
        synchronized (GENERATOR) {
            seed(seed);
            return manager.randomNormal(shape);
        }
    }

    private static final Object GENERATOR = new Object();

    /** The device for {@code choice}: {@code auto} picks a GPU when the engine sees one. */
    public static Device device(DeviceChoice choice) {
        Engine engine = engine();
        return switch (choice) {
            case CPU -> Device.cpu();
            case AUTO -> engine.getGpuCount() > 0 ? Device.gpu() : Device.cpu();
            case GPU -> {
                if (engine.getGpuCount() == 0) {
                    throw new PluginConfigException("device", "no GPU is visible to DJL's PyTorch engine "
                            + engine.getVersion() + " (the CPU native library is on the class path); use device = cpu or auto");
                }
                yield Device.gpu();
            }
        };
    }

    /** A new root manager on {@code device}; close it to free every array it made. */
    public static NDManager newManager(Device device) {
        return NDManager.newBaseManager(device, ENGINE_NAME);
    }

    /** Engine name and version, for provenance and benchmarks. */
    public static String describe() {
        Engine engine = engine();
        return engine.getEngineName() + " " + engine.getVersion() + " (DJL " + Engine.getDjlVersion() + ")";
    }
}
