package dev.genlab.plugin.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genlab.spi.EvaluationInput;
import dev.genlab.spi.MetricResult;
import dev.genlab.spi.Table;
import dev.genlab.testkit.TestContexts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The classifier two-sample test by the properties it must have (its AUC arithmetic is checked in {@link TestScores}). */
class TestDetectionMetric {
    private static final DetectionConfig BOTH = new DetectionConfig(List.of(Classifier.LOGISTIC_REGRESSION, Classifier.GRADIENT_BOOSTING), 3, 0);

    @TempDir
    Path dir;

    private MetricResult evaluate(DetectionConfig config, Table real, Table synthetic) throws Exception {
        return new DetectionMetric(config).evaluate(new EvaluationInput(real, real, synthetic), TestContexts.training(9, Files.createDirectories(dir)));
    }

    @Test
    void identicalTablesCannotBeToldApart() throws Exception {
        Table real = TestPrivacyMetric.mixed()[0];
        MetricResult result = evaluate(BOTH, real, real);
        // twins share a fold, so both classes of every test fold carry the same multiset of scores
        assertEquals(0.5, result.get("auc.logistic-regression"), 1e-12);
        assertEquals(0.5, result.get("auc.gradient-boosting"), 1e-12);
        assertEquals(1.0, result.get("score"), 1e-12);
        assertEquals("score", result.headline());
    }

    @Test
    void disjointTablesAreToldApart() throws Exception {
        Table[] t = TestPrivacyMetric.mixed();
        MetricResult result = evaluate(BOTH, t[0], TestPrivacyMetric.shifted(t[2], 50));
        assertTrue(result.get("auc.logistic-regression") > 0.99, "logistic regression: " + result.get("auc.logistic-regression"));
        assertTrue(result.get("auc.gradient-boosting") > 0.99, "gradient boosting: " + result.get("auc.gradient-boosting"));
        assertTrue(result.get("score") < 0.02);
        assertEquals(4, Files.readAllLines(dir.resolve("artifacts/detection/folds.csv")).size() - 3, "a line per classifier and fold");
    }

    @Test
    void aShiftedSampleIsPartlyDetectedAndTheWorstClassifierIsReported() throws Exception {
        Table[] t = TestPrivacyMetric.mixed();
        MetricResult result = evaluate(new DetectionConfig(List.of(Classifier.LOGISTIC_REGRESSION, Classifier.RANDOM_FOREST), 3, 0), t[0],
                TestPrivacyMetric.shifted(t[2], 1));
        double lr = result.get("score.logistic-regression");
        double rf = result.get("score.random-forest");
        assertEquals(Math.min(lr, rf), result.get("score"), 1e-15);
        assertTrue(result.get("auc") > 0.6 && result.get("auc") < 1, "a one-sd shift of one column: " + result.get("auc"));
    }

    @Test
    void subsamplesAreSeededAndReported() throws Exception {
        Table[] t = TestPrivacyMetric.mixed();
        DetectionConfig config = new DetectionConfig(List.of(Classifier.LOGISTIC_REGRESSION), 2, 100);
        MetricResult a = evaluate(config, t[0], t[2]);
        MetricResult b = evaluate(config, t[0], t[2]);
        assertEquals(a.values(), b.values());
        assertEquals(100, a.get("real_rows"));
        assertEquals(100, a.get("synthetic_rows"));
    }
}
