package dev.genlab.plugin.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genlab.spi.EvaluationInput;
import dev.genlab.spi.MetricResult;
import dev.genlab.spi.Table;
import dev.genlab.testkit.TestContexts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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

    @Test
    void theOnlyColumnThatDiffersHasByFarTheLargestImportance() throws Exception {
        Table real = TestPrivacyMetric.mixed()[0];
        // the training rows themselves, with only x moved by 3 (its sd is about 1): nothing else can give them away
        Table synthetic = TestPrivacyMetric.shifted(real, 3);
        MetricResult result = evaluate(BOTH, real, synthetic);
        double x = result.get("importance.x");
        assertTrue(x > 0.3, "shuffling x takes most of the separation (|AUC - 0.5| = " + Math.abs(result.get("auc") - 0.5) + ") with it: " + x);
        for (String column : List.of("y", "k", "cat", "grp")) {
            double other = result.get("importance." + column);
            assertTrue(Math.abs(other) < 0.05 && Math.abs(other) * 10 < x, column + " is alike in both tables: " + other + " (x: " + x + ")");
        }
        assertEquals(result.values(), evaluate(BOTH, real, synthetic).values(), "the shuffles come from the run's seed");
        List<String> csv = Files.readAllLines(dir.resolve("artifacts/detection/importance.csv"));
        assertEquals("classifier,column,importance", csv.get(0));
        assertEquals(1 + 5, csv.size(), "a line per column, for the best detector");
        assertTrue(csv.get(1).startsWith(result.get("auc") == result.get("auc.logistic-regression") ? "logistic-regression," : "gradient-boosting,"), csv.get(1));
    }

    @Test
    void aPermutedColumnIsThatColumnTakenFromOtherRows() {
        Table real = TestPrivacyMetric.mixed()[0];
        FeatureEncoder encoder = FeatureEncoder.fit(real, List.of());
        int n = real.rowCount();
        int[] reversed = new int[n];
        for (int r = 0; r < n; r++) {
            reversed[r] = n - 1 - r;
        }
        for (String column : List.of("x", "cat")) { // x is numeric with missing values, cat categorical
            EncodedRows permuted = encoder.permuted(encoder.encode(real), column, reversed);
            EncodedRows expected = encoder.encode(reversedColumn(real, column));
            assertArrayEquals(expected.numeric(), permuted.numeric(), column);
            assertArrayEquals(expected.bits(), permuted.bits(), column);
        }
        assertEquals(List.of("x", "y", "k", "cat", "grp"), encoder.columns());
    }

    private static Table reversedColumn(Table t, String column) {
        List<Object> arrays = new ArrayList<>();
        int n = t.rowCount();
        for (int c = 0; c < t.columnCount(); c++) {
            boolean reverse = t.schema().column(c).name().equals(column);
            if (t.schema().column(c).isNumeric()) {
                double[] x = t.numericColumn(c).clone();
                double[] out = x.clone();
                for (int r = 0; r < n; r++) {
                    out[r] = reverse ? x[n - 1 - r] : x[r];
                }
                arrays.add(out);
            } else {
                int[] x = t.codes(c).clone();
                int[] out = x.clone();
                for (int r = 0; r < n; r++) {
                    out[r] = reverse ? x[n - 1 - r] : x[r];
                }
                arrays.add(out);
            }
        }
        return Table.of(t.schema(), arrays);
    }
}
