package dev.genlab.plugin.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genlab.spi.EvaluationInput;
import dev.genlab.spi.MetricResult;
import dev.genlab.spi.PluginConfigException;
import dev.genlab.spi.Schema;
import dev.genlab.spi.Table;
import dev.genlab.testkit.MetricPluginContract;
import dev.genlab.testkit.TestContexts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TSTR vs TRTR by its properties (its score arithmetic is checked against scikit-learn in {@link TestScores}). */
class TestUtilityMetric {
    private static final UtilityConfig BOTH = new UtilityConfig(List.of(Classifier.LOGISTIC_REGRESSION, Classifier.GRADIENT_BOOSTING), 0);

    @TempDir
    Path dir;

    private MetricResult evaluate(UtilityConfig config, Table real, Table test, Table synthetic) throws Exception {
        return new UtilityMetric(config).evaluate(new EvaluationInput(real, test, synthetic), TestContexts.training(11, Files.createDirectories(dir)));
    }

    @Test
    void syntheticDataEqualToTheTrainingDataHasNoGap() throws Exception {
        Table[] t = TestFairnessMetric.fixture(null);
        MetricResult result = evaluate(BOTH, t[0], t[1], t[0]);
        for (String m : List.of("accuracy", "macro_f1", "auc")) {
            assertEquals(result.get("trtr." + m), result.get("tstr." + m), 1e-15, m);
            assertEquals(0.0, result.get("gap." + m), 1e-15, m);
            assertTrue(result.get("trtr." + m) > 0.6 && result.get("trtr." + m) <= 1, m + " = " + result.get("trtr." + m));
        }
        assertEquals("tstr.macro_f1", result.headline());
        assertEquals(2.0, result.get("synthetic_classes"));
    }

    @Test
    void summaryValuesAverageTheClassifiers() throws Exception {
        Table[] t = TestFairnessMetric.fixture(null);
        MetricResult result = evaluate(BOTH, t[0], t[1], t[2]);
        for (String m : List.of("accuracy", "macro_f1", "auc")) {
            double mean = (result.get("tstr.logistic-regression." + m) + result.get("tstr.gradient-boosting." + m)) / 2;
            assertEquals(mean, result.get("tstr." + m), 1e-12, m);
            assertEquals(result.get("trtr." + m) - result.get("tstr." + m), result.get("gap." + m), 1e-12, m);
        }
    }

    @Test
    void aSingleClassSyntheticTargetGivesNaNAndANoteNotAnException() throws Exception {
        Table[] t = TestFairnessMetric.fixture(null);
        MetricResult result = evaluate(BOTH, t[0], t[1], withTargetCode(t[2], 0));
        assertTrue(Double.isNaN(result.get("tstr.macro_f1")));
        assertFalse(Double.isNaN(result.get("trtr.macro_f1")));
        assertEquals(1.0, result.get("synthetic_classes"));
        assertTrue(Files.readString(dir.resolve("artifacts/utility/notes.txt")).contains("the synthetic data has a single target class for 'income'"));
    }

    @Test
    void aNumericTargetIsARegression() throws Exception {
        Table both = Fixtures.table("fairness.csv");
        Schema schema = Fixtures.withoutPart(both).withTarget("x");
        Table real = Fixtures.part(both, "real", schema);
        MetricResult result = evaluate(BOTH, real, Fixtures.part(both, "test", schema), real);
        assertEquals("tstr.r2", result.headline());
        assertEquals(0.0, result.get("gap.rmse"), 1e-15);
        assertTrue(result.get("trtr.rmse") > 0 && result.get("trtr.mae") > 0);
        MetricPluginContract.assertDeclared(new UtilityMetricPlugin(), result);
    }

    @Test
    void noTargetIsAConfigError() {
        Table both = Fixtures.table("fairness.csv");
        Table real = Fixtures.part(both, "real", Fixtures.withoutPart(both));
        PluginConfigException e = assertThrows(PluginConfigException.class, () -> evaluate(BOTH, real, real, real));
        assertEquals("target", e.key());
        assertEquals("the utility metric needs a target column; set 'target' in the dataset block", e.getMessage());
    }

    static Table withTargetCode(Table t, int code) {
        List<Object> arrays = new ArrayList<>();
        for (int c = 0; c < t.columnCount(); c++) {
            if (t.schema().column(c).isNumeric()) {
                arrays.add(t.numericColumn(c));
            } else if (t.schema().target().orElseThrow().equals(t.schema().column(c).name())) {
                int[] codes = new int[t.rowCount()];
                java.util.Arrays.fill(codes, code);
                arrays.add(codes);
            } else {
                arrays.add(t.codes(c));
            }
        }
        return Table.of(t.schema(), arrays);
    }
}
