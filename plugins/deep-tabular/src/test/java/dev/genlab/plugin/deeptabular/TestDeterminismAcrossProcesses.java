package dev.genlab.plugin.deeptabular;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One seed and one thread count give bit-identical losses and samples in separate JVMs: a deep model at its defaults
 * (the paper's widths, so the matrix products are large enough for oneMKL's own kernels) trains 2 epochs on the
 * first Adult rows in each of {@value #PROCESSES} child processes, which inherit this JVM's engine thread settings
 * and Surefire's {@code MKL_CBWR}. {@link TestDeepModels} checks the same within one JVM.
 */
class TestDeterminismAcrossProcesses {
    static final int PROCESSES = 5;
    static final int ROWS = 2000;

    /**
     * All four models in each child JVM, in one process one after the other, as the probe that found the bug ran them:
     * the garbage the first models leave makes collections during ctgan's training likely. Before djl-common's
     * {@code Scalars} (a scalar freed by the collector before the backward pass read it), ctgan differed in 2 of 10
     * such processes, from epoch 2.
     */
    @Test
    void everyDeepModelLogsTheSameBitsInEveryProcess(@TempDir Path work) throws Exception {
        assertSameInEveryProcess(work, null, DeterminismProbe.MODELS);
    }

    /**
     * tvae at 2 threads, where each step runs its two half-batches on two threads at once and their gradients add in
     * the parameters (whichever half finishes first): the same bits in every process all the same.
     */
    @Test
    void tvaeWithItsStepsSplitOverTwoThreadsLogsTheSameBitsInEveryProcess(@TempDir Path work) throws Exception {
        assertSameInEveryProcess(work, "2", "tvae");
    }

    /**
     * gan, ctgan and ddpm at 2 threads, where libtorch's team of two threads splits each operation (tvae, whose steps
     * run in two parts, has its own test above): the same bits in every process. Before, checked by hand only
     * (module README, "Cross-process determinism at 2 threads").
     */
    @Test
    void theOtherModelsAtTwoThreadsLogTheSameBitsInEveryProcess(@TempDir Path work) throws Exception {
        assertSameInEveryProcess(work, "2", "gan", "ctgan", "ddpm");
    }

    /** {@code threads}: the child JVMs' engine thread count, or null for this JVM's. */
    private static void assertSameInEveryProcess(Path work, String threads, String... models) throws Exception {
        String first = null;
        for (int p = 0; p < PROCESSES; p++) {
            String output = probe(work.resolve("stderr-" + p + ".txt"), threads, models);
            for (String model : models) {
                assertTrue(output.contains(model + " sample "), "process " + (p + 1) + " fitted " + model + ":\n" + output);
            }
            if (first == null) {
                first = output;
            } else {
                assertEquals(first, output, "process " + (p + 1) + " logged other bits than process 1");
            }
        }
    }

    private static String probe(Path stderr, String threads, String... models) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path")));
        for (String key : List.of("ai.djl.offline", "ai.djl.pytorch.num_threads", "ai.djl.pytorch.num_interop_threads",
                "org.slf4j.simpleLogger.defaultLogLevel")) {
            String value = key.equals("ai.djl.pytorch.num_threads") && threads != null ? threads : System.getProperty(key);
            if (value != null) {
                command.add("-D" + key + "=" + value);
            }
        }
        command.add(DeterminismProbe.class.getName());
        command.add(Integer.toString(ROWS));
        command.addAll(List.of(models));
        Process process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(300, TimeUnit.SECONDS), "child JVM finished");
        assertEquals(0, process.exitValue(), output + Files.readString(stderr));
        return output;
    }
}
