package dev.genlab.runtime.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.genlab.runtime.report.ScoreCard.Verdict;
import dev.genlab.spi.Measure;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Verdicts at each edge of the bounds, per goal, and a card's families. */
class TestScoreCard {
    private static final Measure FIDELITY = Measure.maximise("fidelity.overall", 0, 1, "overall").withThreshold(0.90, 0.80);
    private static final Measure COPIES = Measure.minimise("privacy.exact_copy_rate", 0, 1, "copies").withThreshold(0.01, 0.05);
    private static final Measure AUC = Measure.target("detection.auc", 0.5, 0, 1, "auc").withThreshold(0.60, 0.75);
    private static final Measure AMPLIFICATION = Measure.target("fairness.amplification.dp_difference", 0, -1, 1, "amp").withThreshold(0.05, 0.10);

    @Test
    void maximise() {
        assertEquals(Verdict.PASS, ScoreCard.judge(FIDELITY, 0.95));
        assertEquals(Verdict.PASS, ScoreCard.judge(FIDELITY, 0.90), "at the pass bound: pass");
        assertEquals(Verdict.WARN, ScoreCard.judge(FIDELITY, 0.8999));
        assertEquals(Verdict.WARN, ScoreCard.judge(FIDELITY, 0.80), "at the fail bound: warn");
        assertEquals(Verdict.FAIL, ScoreCard.judge(FIDELITY, 0.7999));
        assertEquals(Verdict.UNDEFINED, ScoreCard.judge(FIDELITY, Double.NaN));
    }

    @Test
    void minimise() {
        assertEquals(Verdict.PASS, ScoreCard.judge(COPIES, 0.0));
        assertEquals(Verdict.PASS, ScoreCard.judge(COPIES, 0.01));
        assertEquals(Verdict.WARN, ScoreCard.judge(COPIES, 0.0101));
        assertEquals(Verdict.WARN, ScoreCard.judge(COPIES, 0.05));
        assertEquals(Verdict.FAIL, ScoreCard.judge(COPIES, 0.0501));
    }

    @Test
    void targetIsJudgedByDistanceOnBothSides() {
        assertEquals(Verdict.PASS, ScoreCard.judge(AUC, 0.5));
        assertEquals(Verdict.PASS, ScoreCard.judge(AUC, 0.60));
        assertEquals(Verdict.PASS, ScoreCard.judge(AUC, 0.40), "0.40 is as far from 0.5 as 0.60");
        assertEquals(Verdict.WARN, ScoreCard.judge(AUC, 0.61));
        assertEquals(Verdict.WARN, ScoreCard.judge(AUC, 0.75));
        assertEquals(Verdict.WARN, ScoreCard.judge(AUC, 0.25));
        assertEquals(Verdict.FAIL, ScoreCard.judge(AUC, 0.76));
        assertEquals(Verdict.FAIL, ScoreCard.judge(AUC, 0.24));
        assertEquals(Verdict.PASS, ScoreCard.judge(AMPLIFICATION, -0.05), "|amplification| <= 0.05");
        assertEquals(Verdict.WARN, ScoreCard.judge(AMPLIFICATION, -0.0501));
        assertEquals(Verdict.FAIL, ScoreCard.judge(AMPLIFICATION, -0.16), "the amplification that erased the real gap fails");
    }

    @Test
    void aSingleBoundLeavesNoWarnBand() {
        Measure m = AUC.withThreshold(0.6, 0.6);
        assertEquals(Verdict.PASS, ScoreCard.judge(m, 0.6));
        assertEquals(Verdict.FAIL, ScoreCard.judge(m, 0.6001));
    }

    @Test
    void boundsMustBeOrderedByTheGoal() {
        assertThrows(IllegalArgumentException.class, () -> FIDELITY.withThreshold(0.8, 0.9));
        assertThrows(IllegalArgumentException.class, () -> COPIES.withThreshold(0.05, 0.01));
        assertThrows(IllegalArgumentException.class, () -> AUC.withThreshold(0.8, 0.6));
        assertThrows(IllegalArgumentException.class, () -> Measure.information("x.rows", "rows").withThreshold(1, 1));
    }

    @Test
    void aFamilysVerdictIsItsWorstCheckAndItsHeadlineIsShownWithItsIdeal() {
        Map<String, Double> results = new LinkedHashMap<>();
        results.put("fidelity.overall", 0.95);
        results.put("privacy.exact_copy_rate", 0.0);
        results.put("privacy.mia.auc", 0.58);
        results.put("privacy.train_rows", 100.0);
        results.put("diversity.coverage", 0.5);
        Measure mia = Measure.target("privacy.mia.auc", 0.5, 0, 1, "mia").withThreshold(0.55, 0.60);
        Measures measures = Measures.of(Map.of("fidelity.overall", FIDELITY, "privacy.exact_copy_rate", COPIES, "privacy.mia.auc", mia,
                "privacy.train_rows", Measure.information("privacy.train_rows", "rows"),
                "diversity.coverage", Measure.maximise("diversity.coverage", 0, 1, "coverage")));
        ScoreCard card = ScoreCard.of(results, Map.of("fidelity", "fidelity.overall", "privacy", "privacy.mia.auc", "diversity", "diversity.coverage"),
                measures);
        assertEquals(List.of("fidelity", "privacy", "diversity"), card.rows().stream().map(ScoreCard.Row::family).toList());
        ScoreCard.Row privacy = card.rows().get(1);
        assertEquals(Verdict.WARN, privacy.verdict(), "copies pass, membership inference warns: the family warns");
        assertEquals(2, privacy.checks().size());
        assertEquals(0.5, privacy.ideal(), 0);
        assertEquals(Verdict.PASS, card.rows().get(0).verdict());
        assertEquals(1.0, card.rows().get(0).ideal(), 0);
        assertEquals(Verdict.NONE, card.rows().get(2).verdict(), "no threshold: no verdict");
        assertEquals("warn", card.table().get(1).get(4));
    }

    @Test
    void theSweepCardNamesTheBestSettingByTheDeclaredGoal() {
        Measures measures = Measures.of(Map.of("fairness.amplification.dp_difference", AMPLIFICATION));
        Comparison c = Comparison.ofTrials(List.of(
                new Comparison.Trial("ctgan", Map.of("model.type", "ctgan", "seed", "1"), Map.of("fairness.amplification.dp_difference", -0.16),
                        Map.of("fairness", "fairness.amplification.dp_difference"), measures, List.of(), Map.of()),
                new Comparison.Trial("copula", Map.of("model.type", "copula", "seed", "1"), Map.of("fairness.amplification.dp_difference", -0.004),
                        Map.of("fairness", "fairness.amplification.dp_difference"), measures, List.of(), Map.of())));
        ScoreCard card = ScoreCard.ofSweep(c);
        assertEquals(1, card.rows().size());
        assertEquals("model.type=copula", card.rows().get(0).best().orElseThrow());
        assertEquals(Verdict.PASS, card.rows().get(0).verdict());
        assertEquals(-0.004, card.rows().get(0).value(), 1e-12);
    }
}
