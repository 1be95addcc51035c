package dev.genlab.plugin.deeptabular;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genlab.spi.Table;
import dev.genlab.testkit.TestContexts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With two threads or more, a tvae training step runs the two halves of its batch at once on two threads, each with
 * libtorch on its own share of the threads, and their gradients add in the parameters (the trainer's {@code splitStep}).
 * That is the whole batch's step up to rounding, and the same bits every time. The helper thread also draws the next
 * step's latent noise once its half is done: the same numbers in the same order as drawing each step's at its start
 * (drawing afresh on the calling thread instead, which shifts the generator's sequence, moved epoch 1's loss from 11.330
 * to 11.420 and failed this test).
 */
class TestTvaeSplitStep {
    private static final String THREADS = "ai.djl.pytorch.num_threads";

    @TempDir
    Path work;

    @Test
    void aStepSplitOverTwoThreadsIsTheWholeBatchsStep() throws Exception {
        Table train = SmallTables.mixed(600, 3);
        List<Double> whole = losses(train, "1", "whole");
        List<Double> split = losses(train, "2", "split");
        assertTrue(Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals("genlab-tvae-step")),
                "the second half ran on its own thread");
        assertEquals(split, losses(train, "2", "again"), "one seed and thread count, the same bits");
        assertEquals(whole.size(), split.size());
        for (int e = 0; e < whole.size(); e++) {
            // 18 steps of Adam (batch 100) apart only by the order of floating-point sums
            assertEquals(whole.get(e), split.get(e), 1e-5 * Math.abs(whole.get(e)), "loss.total, epoch " + (e + 1));
        }
    }

    /** loss.total per epoch of a 3-epoch fit with the engine's thread count in force set to {@code threads}. */
    private List<Double> losses(Table train, String threads, String name) throws Exception {
        String before = System.getProperty(THREADS);
        System.setProperty(THREADS, threads);
        try {
            TestContexts.RecordingContext context = TestContexts.training(7, Files.createDirectories(work.resolve(name)));
            TestDeepModels.model("tvae", "").fit(train, context);
            return context.history("loss.total");
        } finally {
            if (before == null) {
                System.clearProperty(THREADS);
            } else {
                System.setProperty(THREADS, before);
            }
        }
    }
}
