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
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Data-level values against fairlearn and the AIF360 formulas (make_fixtures.py, fairness.csv: the synthetic part
 * lacks race C and amplifies the sex effect); model-level values by their properties (their arithmetic is checked
 * against fairlearn in {@link TestScores}).
 */
class TestFairnessMetric {
    private static final FairnessConfig CONFIG = new FairnessConfig(Classifier.LOGISTIC_REGRESSION, true, Optional.empty(),
            Map.of("sex", "Male", "race", "A"), 0.8);

    @TempDir
    Path dir;

    static Table[] fixture(Schema roles) {
        Table both = Fixtures.table("fairness.csv");
        Schema schema = roles == null ? Fixtures.withoutPart(both).withTarget("income").withSensitive(List.of("sex", "race")) : roles;
        return new Table[] {Fixtures.part(both, "real", schema), Fixtures.part(both, "test", schema), Fixtures.part(both, "synthetic", schema)};
    }

    private MetricResult evaluate(FairnessConfig config, Table real, Table test, Table synthetic) throws Exception {
        return new FairnessMetric(config).evaluate(new EvaluationInput(real, test, synthetic), TestContexts.training(5, Files.createDirectories(dir)));
    }

    @Test
    void dataLevelValuesMatchFairlearnAndAif360() throws Exception {
        Table[] t = fixture(null);
        MetricResult result = evaluate(CONFIG, t[0], t[1], t[2]);
        Fixtures.assertMatches(Fixtures.expected("fairness"), result, 1e-12);
        assertEquals("amplification.dp_difference", result.headline());
        MetricPluginContract.assertDeclared(new FairnessMetricPlugin(), result); // with privileged groups: the AIF360 keys too
    }

    @Test
    void aGroupAbsentFromSyntheticDataIsFlagged() throws Exception {
        Table[] t = fixture(null);
        MetricResult result = evaluate(CONFIG, t[0], t[1], t[2]);
        assertEquals(1.0, result.get("missing_groups.race"));
        assertEquals(0.0, result.get("share.race.c.synthetic"));
        List<String> groups = Files.readAllLines(dir.resolve("artifacts/fairness/groups.csv"));
        assertTrue(groups.stream().anyMatch(l -> l.startsWith("race,C,missing,")), String.join("\n", groups));
        assertTrue(groups.stream().anyMatch(l -> l.startsWith("sex/race,Female/C,missing,")), String.join("\n", groups));
        assertTrue(Files.readString(dir.resolve("artifacts/fairness/notes.txt")).contains("group C of race (81 real rows) is absent from the synthetic data"));
    }

    @Test
    void modelLevelValuesAreDefinedAndConsistent() throws Exception {
        Table[] t = fixture(null);
        MetricResult result = evaluate(CONFIG, t[0], t[1], t[2]);
        for (String a : List.of("sex", "race", "sex/race")) {
            for (String m : List.of("selection_rate_difference", "equalized_odds_difference", "equal_opportunity_difference", "accuracy_difference")) {
                double real = result.get(m + "." + a + ".real");
                double synthetic = result.get(m + "." + a + ".synthetic");
                assertTrue(real >= 0 && real <= 1 && synthetic >= 0 && synthetic <= 1, m + "." + a + ": " + real + ", " + synthetic);
                assertEquals(synthetic - real, result.get(m + "." + a + ".change"), 1e-15);
            }
            assertTrue(result.get("equalized_odds_difference." + a + ".real") >= result.get("equal_opportunity_difference." + a + ".real"),
                    "equalized odds is the worse of the TPR and FPR gaps");
        }
        assertTrue(result.get("model.accuracy.real") > 0.6, "a model of the fixture's labels beats chance: " + result.get("model.accuracy.real"));
        for (String key : result.values().keySet()) {
            assertTrue(key.matches("[a-z0-9_.\\-/]+"), key);
        }
    }

    @Test
    void aSingleClassSyntheticTargetGivesNaNAndANoteNotAnException() throws Exception {
        Table[] t = fixture(null);
        Table synthetic = t[2];
        List<Object> arrays = new ArrayList<>();
        for (int c = 0; c < synthetic.columnCount(); c++) {
            if (synthetic.schema().column(c).isNumeric()) {
                arrays.add(synthetic.numericColumn(c));
            } else if (synthetic.schema().column(c).name().equals("income")) {
                arrays.add(new int[synthetic.rowCount()]); // every row the same level
            } else {
                arrays.add(synthetic.codes(c));
            }
        }
        MetricResult result = evaluate(CONFIG, t[0], t[1], Table.of(synthetic.schema(), arrays));
        assertTrue(Double.isNaN(result.get("equalized_odds_difference.sex.synthetic")));
        assertTrue(Double.isNaN(result.get("model.accuracy.synthetic")));
        assertFalse(Double.isNaN(result.get("equalized_odds_difference.sex.real")));
        assertEquals(0.0, result.get("dp_difference.sex.synthetic"), "every group has the same (zero or one) positive rate");
        assertTrue(Files.readString(dir.resolve("artifacts/fairness/notes.txt")).contains("the synthetic data has a single target class"));
    }

    @Test
    void missingRolesAndBadSettingsAreConfigErrors() {
        Table[] noTarget = fixture(Fixtures.withoutPart(Fixtures.table("fairness.csv")).withSensitive(List.of("sex")));
        PluginConfigException e = assertThrows(PluginConfigException.class, () -> evaluate(CONFIG, noTarget[0], noTarget[1], noTarget[2]));
        assertEquals("target", e.key());
        assertEquals("the fairness metric needs a target column; set 'target' in the dataset block", e.getMessage());

        Table[] noSensitive = fixture(Fixtures.withoutPart(Fixtures.table("fairness.csv")).withTarget("income"));
        e = assertThrows(PluginConfigException.class, () -> evaluate(CONFIG, noSensitive[0], noSensitive[1], noSensitive[2]));
        assertEquals("sensitive", e.key());

        Table[] t = fixture(null);
        FairnessConfig badLabel = new FairnessConfig(Classifier.LOGISTIC_REGRESSION, false, Optional.of("rich"), Map.of(), 0.8);
        e = assertThrows(PluginConfigException.class, () -> evaluate(badLabel, t[0], t[1], t[2]));
        assertEquals("favorable-label", e.key());
        assertEquals("'rich' is not a level of target 'income'; levels: [<=50K, >50K]", e.getMessage());

        FairnessConfig badGroup = new FairnessConfig(Classifier.LOGISTIC_REGRESSION, false, Optional.empty(), Map.of("sex", "Other"), 0.8);
        e = assertThrows(PluginConfigException.class, () -> evaluate(badGroup, t[0], t[1], t[2]));
        assertEquals("privileged-groups", e.key());
    }

    @Test
    void intersectionsCanBeTurnedOff() throws Exception {
        Table[] t = fixture(null);
        FairnessConfig config = new FairnessConfig(Classifier.LOGISTIC_REGRESSION, false, Optional.of(">50K"), Map.of(), 0.8);
        MetricResult result = evaluate(config, t[0], t[1], t[2]);
        assertFalse(result.values().keySet().stream().anyMatch(k -> k.contains("sex/race")));
        assertFalse(result.values().keySet().stream().anyMatch(k -> k.startsWith("disparate_impact.")), "no privileged groups, no AIF360 values");
        assertEquals(Fixtures.expected("fairness").get("dp_difference.sex.real"), result.get("dp_difference.sex.real"), 1e-12);
    }
}
