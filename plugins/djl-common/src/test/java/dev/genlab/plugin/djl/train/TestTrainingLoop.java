package dev.genlab.plugin.djl.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genlab.plugin.djl.nn.HostArray;
import dev.genlab.plugin.djl.nn.Weights;
import dev.genlab.testkit.TestContexts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestTrainingLoop {
    /** A "model" whose state is a counter: each epoch adds the epoch number. */
    static class Counter implements EpochTrainer {
        float total;
        int nanAt = -1;
        Runnable onEpoch = () -> { };

        @Override
        public Map<String, Double> trainEpoch(int epoch) {
            onEpoch.run();
            total += epoch;
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("loss", epoch == nanAt ? Double.NaN : 1.0 / epoch);
            return m;
        }

        @Override
        public Weights checkpointState() {
            return new Weights(Map.of("total", new HostArray(new long[] {1}, new float[] {total})));
        }

        @Override
        public void restore(Weights state) {
            total = state.get("total").data()[0];
        }

        @Override
        public String fingerprint() {
            return "counter";
        }
    }

    @Test
    void checkpointsAndResumesWhereItStopped(@TempDir Path dir) throws Exception {
        TestContexts.RecordingContext context = TestContexts.training(1, dir);
        Counter first = new Counter();
        first.nanAt = 7;
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> TrainingLoop.run(context, new TrainingLoop.Settings("counter", 10, 3, false), first, m -> ""));
        assertTrue(e.getMessage().startsWith("counter: loss became NaN in epoch 7; training stopped, the last checkpoint "), e.getMessage());
        assertTrue(e.getMessage().contains("epoch-000006.ckpt is kept"), e.getMessage());
        assertEquals(List.of(1.0, 0.5, 1.0 / 3, 0.25, 0.2, 1.0 / 6), context.history("loss"));
        Path directory = context.checkpointDirectory().resolve("counter");
        assertTrue(Files.exists(directory.resolve("epoch-000006.ckpt")));
        assertTrue(Files.exists(directory.resolve("epoch-000003.ckpt")));

        Counter resumed = new Counter();
        TrainingLoop.Outcome outcome = TrainingLoop.run(context, new TrainingLoop.Settings("counter", 10, 3, true), resumed, m -> "");
        assertEquals(7, outcome.firstEpoch());
        assertEquals(10, outcome.lastEpoch());
        assertEquals(55f, resumed.total, "1 + ... + 10: epochs 1-6 from the checkpoint, 7-10 trained");
        assertTrue(outcome.lastCheckpoint().orElseThrow().endsWith("epoch-000010.ckpt"));
        // only the newest two are kept
        assertEquals(2, new Checkpoints(directory).list().size());
    }

    @Test
    void cancellingStopsBeforeTheNextEpochAndKeepsACheckpoint(@TempDir Path dir) {
        TestContexts.RecordingContext context = TestContexts.training(1, dir);
        Counter counter = new Counter();
        int[] epochs = {0};
        counter.onEpoch = () -> {
            if (++epochs[0] == 2) {
                context.cancel();
            }
        };
        CancellationException e = assertThrows(CancellationException.class,
                () -> TrainingLoop.run(context, new TrainingLoop.Settings("counter", 10, 5, false), counter, m -> ""));
        assertTrue(e.getMessage().contains("after epoch 2; last checkpoint"), e.getMessage());
        assertEquals(2, epochs[0]);
    }

    @Test
    void resumingAnotherModelsCheckpointFails(@TempDir Path dir) {
        TestContexts.RecordingContext context = TestContexts.training(1, dir);
        TrainingLoop.run(context, new TrainingLoop.Settings("counter", 2, 1, false), new Counter(), m -> "");
        Counter other = new Counter() {
            @Override
            public String fingerprint() {
                return "other";
            }
        };
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> TrainingLoop.run(context, new TrainingLoop.Settings("counter", 4, 1, true), other, m -> ""));
        assertTrue(e.getMessage().contains("it was written for counter but this run is other"), e.getMessage());
    }

    @Test
    void batchReportsMoveTheProgressStatusWithinAnEpoch(@TempDir Path dir) {
        TestContexts.RecordingContext context = TestContexts.training(1, dir);
        Counter counter = new Counter() {
            @Override
            public Map<String, Double> trainEpoch(int epoch, BatchProgress batches) {
                for (int b = 1; b <= 3; b++) {
                    batches.batchDone(b, 3);
                }
                return trainEpoch(epoch);
            }
        };
        TrainingLoop.run(context, new TrainingLoop.Settings("counter", 2, 0, false), counter, m -> "loss " + m.get("loss"));
        assertEquals(List.of(
                "train counter: epoch 1/2: batch 1/3", "train counter: epoch 1/2: batch 2/3", "train counter: epoch 1/2: batch 3/3",
                "train counter: loss 1.0",
                "train counter: epoch 2/2: batch 1/3, last epoch loss 1.0", "train counter: epoch 2/2: batch 2/3, last epoch loss 1.0",
                "train counter: epoch 2/2: batch 3/3, last epoch loss 1.0",
                "train counter: loss 0.5"), context.statuses());
    }
}
