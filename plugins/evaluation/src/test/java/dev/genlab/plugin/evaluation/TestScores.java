package dev.genlab.plugin.evaluation;

import static dev.genlab.plugin.evaluation.Fixtures.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genlab.spi.Table;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Scores and group disparities against scikit-learn and fairlearn on fixed labels, scores and predictions. */
class TestScores {
    @Test
    void classificationAndRegressionScoresMatchScikitLearn() {
        Map<String, Double> expected = Fixtures.expected("scores");
        Table t = Fixtures.table("scores.csv");
        int n = t.rowCount();
        double[] y = t.numericColumn("y");
        double[] score = t.numericColumn("score");
        boolean[] positive = new boolean[n];
        int[] y3 = new int[n];
        int[] pred3 = new int[n];
        double[][] p = new double[n][3];
        for (int r = 0; r < n; r++) {
            positive[r] = y[r] == 1;
            y3[r] = (int) t.numeric(t.schema().requireIndex("y3"), r);
            pred3[r] = (int) t.numeric(t.schema().requireIndex("pred3"), r);
            for (int c = 0; c < 3; c++) {
                p[r][c] = t.numeric(t.schema().requireIndex("p" + c), r);
            }
        }
        assertEquals(expected.get("auc"), Scores.auc(score, positive), 1e-12, "binary AUC with ties");
        assertEquals(expected.get("auc_ovr_macro"), Scores.auc(y3, p, 3), 1e-12, "one-vs-rest macro AUC");
        assertEquals(expected.get("accuracy"), Scores.accuracy(y3, pred3), 1e-12);
        assertEquals(expected.get("macro_f1"), Scores.macroF1(y3, pred3, 3), 1e-12);
        double[] regression = Scores.regression(t.numericColumn("reg_true"), t.numericColumn("reg_pred"));
        assertEquals(expected.get("r2"), regression[0], 1e-9);
        assertEquals(expected.get("rmse"), regression[1], 1e-9);
        assertEquals(expected.get("mae"), regression[2], 1e-9);
    }

    @Test
    void aucIsUndefinedWithOneClass() {
        assertTrue(Double.isNaN(Scores.auc(new double[] {0.1, 0.2}, new boolean[] {true, true})));
        assertTrue(Double.isNaN(Scores.auc(new int[] {1, 1}, new double[][] {{0.2, 0.8}, {0.4, 0.6}}, 2)));
    }

    @Test
    void quantilesFollowNumpyLinear() {
        double[] x = {4, 1, 3, 2};
        assertEquals(1.15, Scores.quantile(x, 0.05), 1e-12);
        assertEquals(2.5, Scores.quantile(x, 0.5), 1e-12);
        assertEquals(4, Scores.quantile(x, 1), 1e-12);
    }

    @Test
    void groupDisparitiesMatchFairlearn() {
        Map<String, Double> expected = Fixtures.expected("predictions");
        Table t = Fixtures.table("predictions.csv");
        int n = t.rowCount();
        boolean[] truth = new boolean[n];
        boolean[] predicted = new boolean[n];
        for (int r = 0; r < n; r++) {
            truth[r] = t.numeric(t.schema().requireIndex("y_true"), r) == 1;
            predicted[r] = t.numeric(t.schema().requireIndex("y_pred"), r) == 1;
        }
        int[] sex = t.codes("sex");
        int[] race = t.codes("race");
        int raceLevels = t.schema().column("race").levels().size();
        int[] both = new int[n];
        for (int r = 0; r < n; r++) {
            both[r] = sex[r] * raceLevels + race[r];
        }
        Map<String, GroupRates> attributes = Map.of(
                "sex", GroupRates.of(sex, 2, truth, predicted),
                "race", GroupRates.of(race, raceLevels, truth, predicted),
                "sex/race", GroupRates.of(both, 2 * raceLevels, truth, predicted));
        for (Map.Entry<String, GroupRates> e : attributes.entrySet()) {
            String a = e.getKey();
            GroupRates g = e.getValue();
            assertClose(expected.get("selection_rate_difference." + a), g.difference(g::selectionRate), 1e-12, "dp difference " + a);
            assertClose(expected.get("selection_rate_ratio." + a), g.ratio(g::selectionRate), 1e-12, "dp ratio " + a);
            assertClose(expected.get("equalized_odds_difference." + a), g.equalizedOddsDifference(), 1e-12, "equalized odds " + a);
            assertClose(expected.get("equal_opportunity_difference." + a), g.difference(g::truePositiveRate), 1e-12, "equal opportunity " + a);
            assertClose(expected.get("fpr_difference." + a), g.difference(g::falsePositiveRate), 1e-12, "FPR difference " + a);
            assertClose(expected.get("accuracy_difference." + a), g.difference(g::accuracy), 1e-12, "accuracy difference " + a);
        }
        GroupRates bySex = attributes.get("sex");
        double[] parity = bySex.statisticalParity(t.schema().column("sex").codeOf("Male"));
        assertEquals(expected.get("statistical_parity_difference.sex"), parity[0], 1e-12);
        assertEquals(expected.get("disparate_impact.sex"), parity[1], 1e-12);
    }
}
