package dev.genlab.plugin.deeptabular;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genlab.spi.Column;
import dev.genlab.spi.Table;
import dev.genlab.testkit.TestContexts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * dp-tvae on all 32,561 bundled Adult training rows, at its defaults but for 3 epochs (195 DP-SGD steps): the loss
 * stays finite and falls every epoch (it rose, 45, 100, 152, while the output scales were learned), the budget is
 * spent exactly, the samples are valid rows.
 */
class TestDpTvaeOnAdult {
    @TempDir
    Path work;

    @Test
    void threeEpochsOnAdultKeepTheLossFiniteAndSampleValidRows() throws Exception {
        Table adult = TestTrainingOnAdult.adultRows(Integer.MAX_VALUE);
        TestContexts.RecordingContext context = TestContexts.training(1, Files.createDirectories(work.resolve("adult")));
        Table sample = TestTrainingOnAdult.atDefaults("dp-tvae", "epochs = 3").fit(adult, context).sample(2000, 3).asTable();

        List<Double> loss = context.history("loss.total");
        assertEquals(3, loss.size());
        assertTrue(loss.stream().allMatch(Double::isFinite), "finite loss " + loss);
        assertTrue(loss.get(2) < loss.get(1) && loss.get(1) < loss.get(0), "the loss falls every epoch: " + loss);
        double spent = context.history("privacy.epsilon-spent").get(0);
        assertTrue(spent <= 3.0 && spent > 2.99, "spent " + spent + " of the default epsilon 3");
        assertEquals(3L * (adult.rowCount() / 500), Math.round(context.history("privacy.steps").get(0)));

        assertEquals(adult.schema(), sample.schema());
        assertEquals(2000, sample.rowCount());
        for (int c = 0; c < sample.columnCount(); c++) {
            Column column = sample.schema().columns().get(c);
            boolean trainingHasMissing = false;
            for (int r = 0; r < adult.rowCount() && !trainingHasMissing; r++) {
                trainingHasMissing = adult.isMissing(c, r);
            }
            for (int r = 0; r < sample.rowCount(); r++) {
                if (sample.isMissing(c, r)) {
                    assertTrue(trainingHasMissing, column.name() + " is missing in a sample row but never in training");
                } else if (column.isCategorical()) {
                    int code = sample.code(c, r);
                    assertTrue(code >= 0 && code < column.levels().size(), column.name() + " code " + code);
                } else {
                    assertTrue(Double.isFinite(sample.numeric(c, r)), column.name() + " value " + sample.numeric(c, r));
                }
            }
        }
        System.out.println("dp-tvae on Adult, 3 epochs: loss.total " + loss + ", privacy " + context.history("privacy.noise-multiplier")
                + " sigma, epsilon spent " + spent);
    }
}
