package dev.genlab.plugin.deeptabular;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genlab.plugin.datasets.AdultConfig;
import dev.genlab.plugin.datasets.AdultDataset;
import dev.genlab.spi.PublicDomain;
import dev.genlab.spi.Table;
import dev.genlab.testkit.TestContexts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * dp-tvae on all 32,561 bundled Adult training rows, at its defaults but for 3 epochs (195 DP-SGD steps): the loss
 * stays finite and falls every epoch (it rose, 45, 100, 152, while the output scales were learned), the budget is
 * spent exactly, the samples lie inside Adult's public domain (the encoding is built from it).
 */
class TestDpTvaeOnAdult {
    @TempDir
    Path work;

    @Test
    void threeEpochsOnAdultKeepTheLossFiniteAndSampleValidRows() throws Exception {
        Table adult = TestTrainingOnAdult.adultRows(Integer.MAX_VALUE);
        PublicDomain domain = new AdultDataset(new AdultConfig(AdultConfig.Part.TRAIN, List.of(), Optional.empty())).publicDomain().orElseThrow();
        TestContexts.RecordingContext context = TestContexts.training(1, Files.createDirectories(work.resolve("adult")), Optional.of(domain));
        Table sample = TestTrainingOnAdult.atDefaults("dp-tvae", "epochs = 3").fit(adult, context).sample(2000, 3).asTable();

        List<Double> loss = context.history("loss.total");
        assertEquals(3, loss.size());
        assertTrue(loss.stream().allMatch(Double::isFinite), "finite loss " + loss);
        assertTrue(loss.get(2) < loss.get(1) && loss.get(1) < loss.get(0), "the loss falls every epoch: " + loss);
        double spent = context.history("privacy.epsilon-spent").get(0);
        assertTrue(spent <= 3.0 && spent > 2.99, "spent " + spent + " of the default epsilon 3");
        assertEquals(3L * (adult.rowCount() / 500), Math.round(context.history("privacy.steps").get(0)));

        assertEquals(adult.schema().names(), sample.schema().names());
        assertEquals(2000, sample.rowCount());
        assertEquals(List.of(), domain.violations(sample, 10), "every sampled value inside the public domain");
        assertEquals(List.of(), context.warnings(), "no bound or category read from the data");
        System.out.println("dp-tvae on Adult, 3 epochs: loss.total " + loss + ", privacy " + context.history("privacy.noise-multiplier")
                + " sigma, epsilon spent " + spent);
    }
}
