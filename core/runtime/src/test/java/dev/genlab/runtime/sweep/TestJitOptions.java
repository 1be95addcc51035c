package dev.genlab.runtime.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A trial's JVM gets the compile thresholds of the JVM that launches it (core/cli/bin/jvm.options), and none of its other options. */
class TestJitOptions {
    @Test
    void onlyTheCompileThresholdsAreForwarded() {
        List<String> jvm = List.of("-Xmx2g", "-XX:Tier4InvocationThreshold=20000", "-Dai.djl.offline=true",
                "-XX:OnError=echo crashed", "-XX:Tier4BackEdgeThreshold=200000", "-XX:+UseG1GC");
        assertEquals(List.of("-XX:Tier4InvocationThreshold=20000", "-XX:Tier4BackEdgeThreshold=200000"), SweepLauncherContext.jitOptions(jvm));
    }

    /** A real JVM started with a threshold and another option prints the trial command it would use. */
    @Test
    void aTrialCommandCarriesTheLaunchingJvmsThresholds() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-XX:Tier4InvocationThreshold=12345", "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                PrintTrialCommand.class.getName()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(p.waitFor(1, TimeUnit.MINUTES));
        assertEquals(0, p.exitValue(), out);
        List<String> command = List.of(out.split("\n"));
        assertEquals("-XX:Tier4InvocationThreshold=12345", command.get(1), out);
        assertEquals("-Dai.djl.offline=true", command.get(2), out);
        assertEquals("Main", command.get(command.size() - 1), out);
        assertTrue(command.stream().noneMatch(a -> a.startsWith("-Xmx")), out);
    }

    public static final class PrintTrialCommand {
        public static void main(String[] args) {
            SweepLauncherContext.thisJvm("Main").forEach(System.out::println);
        }
    }
}
