package dev.genlab.plugin.djl;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import dev.genlab.spi.PluginConfigException;

/**
 * The one door to DJL's PyTorch engine. It switches DJL's offline mode and tracking opt-out on before the engine
 * class first loads (so nothing is ever downloaded and no telemetry connection is attempted), and it is where the
 * engine gets seeded and devices are chosen. The native library comes from the {@code pytorch-native-cpu} jar on
 * the class path, extracted once into {@code DJL_CACHE_DIR}.
 */
public final class DjlEngine {
    public static final String ENGINE_NAME = "PyTorch";

    static {
        offline();
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
