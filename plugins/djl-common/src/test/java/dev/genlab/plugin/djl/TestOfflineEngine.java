package dev.genlab.plugin.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine loads with no network at all: a child JVM runs in a fresh network namespace ({@code unshare -rn}:
 * only a loopback interface, which is down), without any offline switch in its environment or system
 * properties, so {@link DjlEngine} itself must turn offline mode on and the native library must come from the
 * jar on the class path. Any download attempt would fail and fail the engine start.
 */
class TestOfflineEngine {
    @Test
    void engineLoadsWithTheNetworkUnreachable(@TempDir Path work) throws Exception {
        Assumptions.assumeTrue(canUnshare(), "unshare -rn is not permitted here; cannot remove the network");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of("unshare", "-rn", java, "-cp", classPath(work),
                OfflineProbe.class.getName()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.remove("DJL_OFFLINE");
        env.remove("OPT_OUT_TRACKING");
        env.remove("JAVA_TOOL_OPTIONS");
        env.putIfAbsent("DJL_CACHE_DIR", System.getProperty("genlab.test.cache", "target/test-cache") + "/djl");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "child JVM finished");
        System.out.println(output);
        assertEquals(0, process.exitValue(), output);
        assertTrue(output.contains("network unreachable"), output);
        assertTrue(output.contains("offline property before engine null"), "the child starts without the switch:\n" + output);
        assertTrue(output.contains("offline property true tracking true"), output);
        assertTrue(output.contains("engine PyTorch 2.7.1"), output);
        assertTrue(output.contains("result 54.0"), output);
    }

    /** The test class path (with Surefire's default this is a manifest-only jar, which a child JVM reads too). */
    private static String classPath(Path work) {
        return System.getProperty("java.class.path");
    }

    private static boolean canUnshare() {
        try {
            Process p = new ProcessBuilder("unshare", "-rn", "true").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
