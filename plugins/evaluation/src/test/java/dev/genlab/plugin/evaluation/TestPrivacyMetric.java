package dev.genlab.plugin.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genlab.spi.EvaluationInput;
import dev.genlab.spi.MetricResult;
import dev.genlab.spi.Schema;
import dev.genlab.spi.Table;
import dev.genlab.testkit.TestContexts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Known answers from make_fixtures.py (sklearn NearestNeighbors, roc_auc_score, pandas) on mixed.csv. */
class TestPrivacyMetric {
    @TempDir
    Path dir;

    static Table[] mixed() {
        Table both = Fixtures.table("mixed.csv");
        Schema schema = Fixtures.withoutPart(both);
        return new Table[] {Fixtures.part(both, "train", schema), Fixtures.part(both, "holdout", schema), Fixtures.part(both, "synthetic", schema)};
    }

    private MetricResult evaluate(PrivacyConfig config, Table train, Table holdout, Table synthetic) throws Exception {
        return new PrivacyMetric(config).evaluate(new EvaluationInput(train, holdout, synthetic), TestContexts.training(3, Files.createDirectories(dir)));
    }

    @Test
    void matchesScikitLearnOnTheMixedFixture() throws Exception {
        Table[] t = mixed();
        MetricResult result = evaluate(new PrivacyConfig(0, 0.01), t[0], t[1], t[2]);
        Fixtures.assertMatches(Fixtures.expected("privacy"), result, 1e-9);
        assertEquals(300, result.get("train_rows"));
        assertEquals("mia.auc", result.headline());
        assertTrue(Files.readString(dir.resolve("artifacts/privacy/notes.txt")).contains("privacy gate failed"));
        assertTrue(Files.readString(dir.resolve("artifacts/privacy/distances.csv")).startsWith("quantile,dcr_synthetic,dcr_holdout"));
    }

    @Test
    void identicalTablesAreAllCopiesAndFailTheGate() throws Exception {
        Table train = mixed()[0];
        MetricResult result = evaluate(new PrivacyConfig(0, 0.01), train, mixed()[1], train);
        assertEquals(1.0, result.get("exact_copy_rate"));
        assertEquals(0.0, result.get("gate.pass"));
        assertEquals(0.0, result.get("dcr.synthetic.median"));
    }

    @Test
    void subsamplingIsSeededAndReported() throws Exception {
        Table[] t = mixed();
        MetricResult a = evaluate(new PrivacyConfig(100, 0.01), t[0], t[1], t[2]);
        MetricResult b = evaluate(new PrivacyConfig(100, 0.01), t[0], t[1], t[2]);
        assertEquals(a.values(), b.values());
        assertEquals(100, a.get("train_rows"));
        assertEquals(100, a.get("holdout_rows"));
        assertEquals(100, a.get("synthetic_rows"));
        assertEquals(Fixtures.expected("privacy").get("exact_copy_rate"), a.get("exact_copy_rate"), 1e-12, "exact copies always use every row");
    }

    @Test
    void disjointTablesAreFarAndPass() throws Exception {
        Table[] t = mixed();
        Table far = shifted(t[2], 50);
        MetricResult result = evaluate(new PrivacyConfig(0, 0.01), t[0], t[1], far);
        assertEquals(0.0, result.get("exact_copy_rate"));
        assertEquals(1.0, result.get("gate.pass"));
        assertTrue(result.get("dcr.ratio.p5") > 10, "synthetic rows far from training rows: " + result.get("dcr.ratio.p5"));
    }

    /** {@code t} with every value of its numeric column x moved by {@code by}. */
    static Table shifted(Table t, double by) {
        List<Object> arrays = new java.util.ArrayList<>();
        for (int c = 0; c < t.columnCount(); c++) {
            if (t.schema().column(c).isNumeric()) {
                double[] x = t.numericColumn(c);
                if (t.schema().column(c).name().equals("x")) {
                    for (int i = 0; i < x.length; i++) {
                        x[i] = (Double.isNaN(x[i]) ? 0 : x[i]) + by;
                    }
                }
                arrays.add(x);
            } else {
                arrays.add(t.codes(c));
            }
        }
        return Table.of(t.schema(), arrays);
    }
}
