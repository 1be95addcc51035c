package dev.genlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GENLAB_THREADS} (the thread policy's override) and {@code GENLAB_MALLOC} (the allocator's, djl-common README)
 * are checked before anything runs.
 */
class TestThreadsVariable {
    @Test
    void aThreadCountThatIsNotAWholeNumberIsAUserError(@TempDir Path dir) throws Exception {
        for (String bad : List.of("two", "0", "-1", "1.5")) {
            refused(dir, "GENLAB_THREADS", bad, "GENLAB_THREADS: '" + bad + "' is not a number of threads");
        }
    }

    @Test
    void anAllocatorSettingOtherThanTunedOrSystemIsAUserError(@TempDir Path dir) throws Exception {
        for (String bad : List.of("jemalloc", "off", "1")) {
            refused(dir, "GENLAB_MALLOC", bad, "GENLAB_MALLOC: '" + bad + "' is not an allocator setting (valid: tuned, system;");
        }
    }

    private static void refused(Path dir, String variable, String value, String message) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "run", "no-such.conf", "--runs", dir.resolve("runs").toString()).redirectErrorStream(true);
        pb.environment().put(variable, value);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(Main.USER_ERROR, p.exitValue(), out);
        assertTrue(out.contains(message), out);
        assertFalse(out.contains("\tat "), "no stack trace: " + out);
        assertFalse(Files.exists(dir.resolve("runs")), "nothing written");
    }
}
