package dev.genlab.runtime.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.genlab.runtime.report.Comparison.Entry;
import dev.genlab.runtime.report.Comparison.Trial;
import dev.genlab.runtime.util.Json;
import dev.genlab.spi.Measure;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Aggregation maths and ranking by declared goals, against values worked out by hand. */
class TestComparison {
    /** Declarations as the bundled metrics make them (full keys). */
    static final Measures MEASURES = Measures.of(Map.of(
            "fidelity.overall", Measure.maximise("fidelity.overall", 0, 1, "overall"),
            "utility.gap", Measure.minimise("utility.gap", Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, "gap"),
            "utility.accuracy", Measure.maximise("utility.accuracy", 0, 1, "accuracy"),
            "x.score", Measure.maximise("x.score", 0, 10, "score"),
            "privacy.mia.auc", Measure.target("privacy.mia.auc", 0.5, 0, 1, "membership-inference AUC"),
            "fairness.amplification.dp_difference", Measure.target("fairness.amplification.dp_difference", 0, -1, 1, "amplification"),
            "privacy.train_rows", Measure.information("privacy.train_rows", "rows")));

    private static Trial trial(String id, String model, String seed, Object... keyValues) {
        return trial(id, Map.of("model.type", model, "dataset.type", "toy"), seed, List.of(), Map.of(), keyValues);
    }

    private static Trial trial(String id, Map<String, String> params, String seed, List<String> degenerate, Map<String, String> tags,
            Object... keyValues) {
        Map<String, Double> results = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            results.put((String) keyValues[i], ((Number) keyValues[i + 1]).doubleValue());
        }
        Map<String, String> p = new HashMap<>(params);
        p.put("seed", seed);
        p.put("name", "trial-" + id);
        return new Trial(id, p, results, Map.of("fidelity", "fidelity.overall"), MEASURES, degenerate, tags);
    }

    private static final List<Trial> TRIALS = List.of(
            trial("a1", "a", "1", "fidelity.overall", 0.8, "utility.gap", 0.1, "utility.accuracy", 0.70, "x.score", 1.0),
            trial("a2", "a", "2", "fidelity.overall", 0.9, "utility.gap", 0.2, "utility.accuracy", 0.80, "x.score", 2.0),
            trial("a3", "a", "3", "fidelity.overall", 1.0, "utility.gap", 0.3, "utility.accuracy", 0.90, "x.score", 3.0),
            trial("b1", "b", "1", "fidelity.overall", 0.5, "utility.gap", 0.05, "utility.accuracy", 0.60, "x.score", 2.0),
            trial("b2", "b", "2", "fidelity.overall", 0.7, "utility.gap", 0.05, "utility.accuracy", 0.70, "x.score", 2.0),
            trial("c1", "c", "1", "fidelity.overall", 0.65));

    @Test
    void aNumericAxisGetsATableOfTheHeadlinesAlongIt() {
        Map<String, String> mst05 = Map.of("model.type", "mst", "model.epsilon", "0.5", "dataset.type", "toy");
        Map<String, String> mst4 = Map.of("model.type", "mst", "model.epsilon", "4", "dataset.type", "toy");
        Map<String, String> copula = Map.of("model.type", "copula", "dataset.type", "toy");
        Comparison c = Comparison.ofTrials(List.of(
                trial("c1", copula, "1", List.of(), Map.of(), "fidelity.overall", 0.95),
                trial("m41", mst4, "1", List.of(), Map.of(), "fidelity.overall", 0.90),
                trial("m42", mst4, "2", List.of(), Map.of(), "fidelity.overall", 0.92),
                trial("m05", mst05, "1", List.of(), Map.of(), "fidelity.overall", 0.80)));
        List<Comparison.AxisTable> axes = c.numericAxes();
        assertEquals(1, axes.size());
        assertEquals("model.epsilon", axes.get(0).axis());
        assertEquals(List.of("setting", "model.epsilon", "fidelity.overall"), axes.get(0).header());
        // grouped by the rest of the label, in order of epsilon; the baseline without an epsilon has it empty
        assertEquals(List.of(
                List.of("model.type=copula", "", "0.9500"),
                List.of("model.type=mst", "0.5", "0.8000"),
                List.of("model.type=mst", "4", "0.9100 ± 0.0141")), axes.get(0).rows());
        assertEquals(List.of(), Comparison.ofTrials(TRIALS).numericAxes(), "no numeric axis, no table");
    }

    @Test
    void groupsRunsThatDifferOnlyInSeedAndNameAndLabelsThemByWhatVaries() {
        Comparison c = Comparison.ofTrials(TRIALS);
        assertEquals(List.of("model.type=a", "model.type=b", "model.type=c"), c.settings().stream().map(Comparison.Setting::label).toList());
        assertEquals(List.of("a1", "a2", "a3"), c.settings().get(0).runIds());
        assertEquals(Map.of("model.type", "a", "dataset.type", "toy"), c.settings().get(0).params());
        assertTrue(c.warnings().isEmpty(), c.warnings().toString());
    }

    @Test
    void meanSampleStdMinMaxAndN() {
        Comparison c = Comparison.ofTrials(TRIALS);
        Comparison.Stats a = c.entry("fidelity.overall", "model.type=a").orElseThrow().stats();
        assertEquals(3, a.n());
        assertEquals(0.9, a.mean(), 1e-12);
        assertEquals(0.1, a.std(), 1e-12, "sqrt(((-0.1)^2 + 0 + 0.1^2) / (3 - 1))");
        assertEquals(0.8, a.min(), 1e-12);
        assertEquals(1.0, a.max(), 1e-12);
        Comparison.Stats b = c.entry("fidelity.overall", "model.type=b").orElseThrow().stats();
        assertEquals(0.6, b.mean(), 1e-12);
        assertEquals(Math.sqrt(0.02), b.std(), 1e-12, "sqrt((0.1^2 + 0.1^2) / 1)");
        Comparison.Stats single = c.entry("fidelity.overall", "model.type=c").orElseThrow().stats();
        assertEquals(1, single.n());
        assertTrue(Double.isNaN(single.std()), "one value has no sample std");
        assertEquals("0.6500", Comparison.meanAndSpread(single), "n = 1 shows no std");
        assertEquals("0.9000 ± 0.1000", Comparison.meanAndSpread(a));
        Comparison.Stats none = c.entry("utility.gap", "model.type=c").orElseThrow().stats();
        assertEquals(0, none.n());
    }

    @Test
    void ranksFollowTheDeclaredGoalAndTiesShareARankWithoutAStar() {
        Comparison c = Comparison.ofTrials(TRIALS);
        assertEquals(List.of(1, 3, 2), ranks(c, "fidelity.overall"), "maximise: a 0.9 > c 0.65 > b 0.6");
        assertTrue(c.entry("fidelity.overall", "model.type=a").orElseThrow().star());
        assertEquals(List.of(2, 1, 0), ranks(c, "utility.gap"), "minimise: b 0.05 beats a 0.2; c has no value");
        assertEquals(List.of(1, 2, 0), ranks(c, "utility.accuracy"));
        assertEquals(List.of(1, 1, 0), ranks(c, "x.score"), "equal means share rank 1");
        assertFalse(c.entry("x.score", "model.type=a").orElseThrow().star(), "a tie gets no star");
        assertFalse(c.entry("x.score", "model.type=b").orElseThrow().star());
        assertEquals("1", c.rankLabel(c.entry("x.score", "model.type=a").orElseThrow()));
    }

    @Test
    void aTargetMeasureRanksTheValueClosestToItsTargetFirst() {
        Comparison c = Comparison.ofTrials(List.of(
                trial("p", "p", "1", "privacy.mia.auc", 0.45),
                trial("q", "q", "1", "privacy.mia.auc", 0.52)));
        assertEquals(List.of(2, 1), ranks(c, "privacy.mia.auc"), "0.52 is 0.02 from 0.5, 0.45 is 0.05 away: an AUC below 0.5 is not better");
    }

    @Test
    void aSignedChangeRanksTheSmallestMagnitudeFirst() {
        Comparison c = Comparison.ofTrials(List.of(
                trial("ctgan", "ctgan", "1", "fairness.amplification.dp_difference", -0.16),
                trial("copula", "copula", "1", "fairness.amplification.dp_difference", -0.004)));
        assertEquals(List.of(2, 1), ranks(c, "fairness.amplification.dp_difference"), "−0.004 is closer to 0 than −0.16");
        Map<String, Comparison.Best> best = bestByFamily(c);
        assertEquals("model.type=copula", best.get("fairness").setting(), "a model that erased the real gap is not the fairest");
    }

    @Test
    void informationAndUndeclaredMeasuresAreNeverRanked() {
        Comparison c = Comparison.ofTrials(List.of(
                trial("a", "a", "1", "privacy.train_rows", 100, "plugin.count", 3),
                trial("b", "b", "1", "privacy.train_rows", 200, "plugin.count", 5)));
        assertEquals(List.of(0, 0), ranks(c, "privacy.train_rows"), "a count is information");
        assertEquals(List.of(0, 0), ranks(c, "plugin.count"), "a third-party key nobody declared has goal unknown");
        assertEquals("information", Measures.goalWord(c.measure("privacy.train_rows")));
        assertEquals("goal unknown", Measures.goalLabel(c.measure("plugin.count")));
        assertTrue(c.best().isEmpty(), "nothing ranked, nothing best: " + c.best());
        assertEquals(List.of(), c.mainScores());
    }

    @Test
    void aDegenerateTrialIsShownButNeverRankedOrBest() {
        Trial tiny = trial("tiny", Map.of("model.type", "copula", "split.test", "0.9995"), "1",
                List.of("metric 'fidelity' needs at least 50 training rows (the split gives 1)"), Map.of(), "fidelity.overall", 1.0);
        Trial normal = trial("normal", Map.of("model.type", "copula", "split.test", "0.3"), "1", List.of(), Map.of(), "fidelity.overall", 0.97);
        Comparison c = Comparison.ofTrials(List.of(tiny, normal));
        Entry t = c.entry("fidelity.overall", "split.test=0.9995").orElseThrow();
        assertEquals(0, t.rank(), "1.0 on one training row is not ranked");
        assertEquals(1.0, t.stats().mean(), 1e-12, "but it is shown");
        assertEquals("excluded", c.rankLabel(t));
        assertEquals(1, c.entry("fidelity.overall", "split.test=0.3").orElseThrow().rank());
        assertFalse(c.entry("fidelity.overall", "split.test=0.3").orElseThrow().star(), "one ranked setting: first, but no star");
        assertFalse(c.settings().get(0).ranked());
        assertTrue(c.csv().contains("fidelity.overall,fidelity,maximise,split.test=0.9995,1,1.0,,1.0,1.0,,degenerate"), c.csv());
        assertTrue(bestByFamily(c).values().stream().noneMatch(b -> b.setting().equals("split.test=0.9995")));
    }

    @Test
    void aReasonSharedByASettingsRunsIsSaidOnce() {
        String reason = "metric 'privacy' needs at least 200 test rows (the split gives 103); its numbers will not mean much";
        Trial a = trial("a", Map.of("model.type", "mst"), "1", List.of(reason), Map.of(), "fidelity.overall", 0.8);
        Trial b = trial("b", Map.of("model.type", "mst"), "2", List.of(reason, "metric 'fairness' needs at least 200 test rows"),
                Map.of(), "fidelity.overall", 0.81);
        Comparison c = Comparison.ofTrials(List.of(a, b));
        assertEquals(List.of(reason + " (all 2 runs)", "metric 'fairness' needs at least 200 test rows (b)"), c.settings().get(0).excluded());
    }

    @Test
    void settingsUnrankedForTheSameReasonsAreSaidOnce() {
        String reason = "metric 'privacy' needs at least 200 test rows (the split gives 103); its numbers will not mean much";
        List<Trial> mst = seeds("m", "mst", List.of(reason), 0.8);
        List<Trial> aim = seeds("a", "aim", List.of(reason), 0.81);
        List<Trial> copula = seeds("c", "copula", List.of(), 0.9);
        Comparison some = Comparison.ofTrials(concat(mst, aim, copula));
        assertEquals(1, some.unranked().size());
        assertEquals(List.of("model.type=mst", "model.type=aim"), some.unranked().get(0).labels());
        assertEquals("settings 'model.type=mst', 'model.type=aim': " + reason + " (all 2 runs)", some.unranked().get(0).describe());
        assertEquals("all 2 settings: " + reason + " (all 2 runs)", Comparison.ofTrials(concat(mst, aim)).unranked().get(0).describe());
        List<Trial> gan = seeds("g", "gan", List.of("fidelity.overall is undefined"), 0.7);
        assertEquals(List.of("setting 'model.type=mst': " + reason + " (all 2 runs)",
                "setting 'model.type=gan': fidelity.overall is undefined (all 2 runs)"),
                Comparison.ofTrials(concat(mst, gan, copula)).unranked().stream().map(Comparison.Unranked::describe).toList());
        assertEquals(List.of(), Comparison.ofTrials(copula).unranked());
    }

    /** Two seeds of one model, each with {@code degenerate}. */
    private static List<Trial> seeds(String id, String model, List<String> degenerate, double fidelity) {
        return List.of(trial(id + "1", Map.of("model.type", model), "1", degenerate, Map.of(), "fidelity.overall", fidelity),
                trial(id + "2", Map.of("model.type", model), "2", degenerate, Map.of(), "fidelity.overall", fidelity + 0.01));
    }

    @SafeVarargs
    private static List<Trial> concat(List<Trial>... parts) {
        List<Trial> out = new java.util.ArrayList<>();
        for (List<Trial> p : parts) {
            out.addAll(p);
        }
        return out;
    }

    @Test
    void aNaNHeadlineMarksTheTrialDegenerate() {
        Comparison c = Comparison.ofTrials(List.of(
                trial("nan", "gan", "1", "fidelity.overall", Double.NaN, "utility.accuracy", 0.99),
                trial("ok", "copula", "1", "fidelity.overall", 0.9, "utility.accuracy", 0.7)));
        assertFalse(c.settings().get(0).ranked());
        assertTrue(c.settings().get(0).excluded().get(0).contains("fidelity.overall is undefined"), c.settings().get(0).excluded().toString());
        assertEquals(List.of(0, 1), ranks(c, "utility.accuracy"), "a run that went NaN is not best at anything");
    }

    @Test
    void runsInOneSettingThatDifferOutsideTheLabelAreAWarning() {
        Trial x = trial("x", Map.of("model.type", "copula"), "1", List.of(), Map.of("genlab.dataset.sha256", "aaa"), "fidelity.overall", 0.9);
        Trial y = trial("y", Map.of("model.type", "copula"), "2", List.of(), Map.of("genlab.dataset.sha256", "bbb"), "fidelity.overall", 0.8);
        Comparison c = Comparison.ofTrials(List.of(x, y));
        assertEquals(1, c.settings().size());
        assertEquals(1, c.warnings().size(), c.warnings().toString());
        assertTrue(c.warnings().get(0).contains("genlab.dataset.sha256"), c.warnings().get(0));
    }

    @Test
    void aKeySetInSomeRunsOfAModelAndUnsetInOthersLabelsTheSettings() {
        Trial full = trial("full", Map.of("model.type", "copula"), "1", List.of(), Map.of(), "fidelity.overall", 0.9);
        Trial small = trial("small", Map.of("model.type", "copula", "dataset.max-rows", "100"), "1", List.of(), Map.of(), "fidelity.overall", 0.8);
        Trial gan = trial("gan", Map.of("model.type", "gan", "model.epochs", "5"), "1", List.of(), Map.of(), "fidelity.overall", 0.7);
        Comparison c = Comparison.ofTrials(List.of(full, small, gan));
        assertEquals(List.of("dataset.max-rows=(unset), model.type=copula", "dataset.max-rows=100, model.type=copula", "model.type=gan"),
                c.settings().stream().map(Comparison.Setting::label).toList(),
                "max-rows tells the copula runs apart; gan's own epochs do not label it");
    }

    @Test
    void bestSettingPerFamilyUsesTheHeadlineElseTheMeanRank() {
        Comparison c = Comparison.ofTrials(TRIALS);
        Map<String, Comparison.Best> best = bestByFamily(c);
        assertEquals("model.type=a", best.get("fidelity").setting());
        assertEquals("headline", best.get("fidelity").basis());
        assertEquals(0.9, best.get("fidelity").mean(), 1e-12);
        // utility: a ranks (2, 1) -> 1.5, b ranks (1, 2) -> 1.5: a tie names no best
        assertFalse(best.containsKey("utility"), best.toString());
        // x: a tie on its only score
        assertFalse(best.containsKey("x"));
    }

    @Test
    void csvAndJsonCarryEveryMetricWithItsGoalAndUndefinedValuesLeftEmpty() throws IOException {
        Comparison c = Comparison.ofTrials(TRIALS);
        List<String> csv = c.csv().lines().toList();
        assertEquals("metric,family,goal,setting,n,mean,std,min,max,rank,excluded", csv.get(0));
        assertTrue(csv.contains("fidelity.overall,fidelity,maximise,model.type=c,1,0.65,,0.65,0.65,2,"), c.csv());
        assertTrue(csv.contains("utility.gap,utility,minimise,model.type=c,0,,,,,,"), c.csv());
        assertEquals(1 + 4 * 3, csv.size());
        JsonNode json = Json.MAPPER.readTree(c.json());
        assertEquals(3, json.get("settings").size());
        JsonNode fidelity = json.get("metrics").get(0);
        assertEquals("fidelity.overall", fidelity.get("metric").asText());
        assertEquals("maximise", fidelity.get("goal").asText());
        assertEquals(0.1, fidelity.get("entries").get(0).get("std").asDouble(), 1e-12);
        assertTrue(fidelity.get("entries").get(2).get("std").isNull());
        assertEquals("model.type=a", json.get("best").get(0).get("setting").asText());
    }

    @Test
    void targetGoalsAreWrittenWithTheirTarget() {
        Comparison c = Comparison.ofTrials(List.of(trial("p", "p", "1", "privacy.mia.auc", 0.45)));
        assertTrue(c.csv().contains("privacy.mia.auc,privacy,target:0.5,"), c.csv());
        assertEquals("→ 0.5000", Measures.goalLabel(c.measure("privacy.mia.auc")));
    }

    @Test
    void oneSettingIsLabelledByItsModel() {
        Comparison c = Comparison.ofTrials(TRIALS.subList(0, 3));
        assertEquals(List.of("a"), c.settings().stream().map(Comparison.Setting::label).toList());
        assertEquals(List.of("fidelity.overall", "utility.gap", "utility.accuracy", "x.score"), c.mainMetrics());
    }

    private static Map<String, Comparison.Best> bestByFamily(Comparison c) {
        Map<String, Comparison.Best> best = new HashMap<>();
        c.best().forEach(b -> best.put(b.family(), b));
        return best;
    }

    private static List<Integer> ranks(Comparison c, String metric) {
        return c.entries(metric).stream().map(Entry::rank).toList();
    }
}
