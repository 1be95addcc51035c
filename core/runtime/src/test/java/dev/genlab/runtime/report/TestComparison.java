package dev.genlab.runtime.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.genlab.runtime.report.Comparison.Direction;
import dev.genlab.runtime.report.Comparison.Entry;
import dev.genlab.runtime.report.Comparison.Trial;
import dev.genlab.runtime.util.Json;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Aggregation maths against values worked out by hand. */
class TestComparison {
    private static Trial trial(String id, String model, String seed, Object... keyValues) {
        Map<String, Double> results = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            results.put((String) keyValues[i], ((Number) keyValues[i + 1]).doubleValue());
        }
        return new Trial(id, Map.of("model.type", model, "seed", seed, "name", "trial-" + id, "dataset.type", "toy"), results,
                Map.of("fidelity", "fidelity.overall"));
    }

    private static final List<Trial> TRIALS = List.of(
            trial("a1", "a", "1", "fidelity.overall", 0.8, "utility.gap", 0.1, "utility.accuracy", 0.70, "x.score", 1.0),
            trial("a2", "a", "2", "fidelity.overall", 0.9, "utility.gap", 0.2, "utility.accuracy", 0.80, "x.score", 2.0),
            trial("a3", "a", "3", "fidelity.overall", 1.0, "utility.gap", 0.3, "utility.accuracy", 0.90, "x.score", 3.0),
            trial("b1", "b", "1", "fidelity.overall", 0.5, "utility.gap", 0.05, "utility.accuracy", 0.60, "x.score", 2.0),
            trial("b2", "b", "2", "fidelity.overall", 0.7, "utility.gap", 0.05, "utility.accuracy", 0.70, "x.score", 2.0),
            trial("c1", "c", "1", "fidelity.overall", 0.65));

    @Test
    void groupsRunsThatDifferOnlyInSeedAndNameAndLabelsThemByWhatVaries() {
        Comparison c = Comparison.ofTrials(TRIALS);
        assertEquals(List.of("model.type=a", "model.type=b", "model.type=c"), c.settings().stream().map(Comparison.Setting::label).toList());
        assertEquals(List.of("a1", "a2", "a3"), c.settings().get(0).runIds());
        assertEquals(Map.of("model.type", "a", "dataset.type", "toy"), c.settings().get(0).params());
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
        Comparison.Stats none = c.entry("utility.gap", "model.type=c").orElseThrow().stats();
        assertEquals(0, none.n());
    }

    @Test
    void ranksFollowTheMetricsDirectionAndTiesShareARank() {
        Comparison c = Comparison.ofTrials(TRIALS);
        assertEquals(List.of(1, 3, 2), ranks(c, "fidelity.overall"), "a 0.9 > c 0.65 > b 0.6");
        assertEquals(List.of(2, 1, 0), ranks(c, "utility.gap"), "lower is better: b 0.05 beats a 0.2; c has no value");
        assertEquals(List.of(1, 2, 0), ranks(c, "utility.accuracy"));
        assertEquals(List.of(1, 1, 0), ranks(c, "x.score"), "equal means share rank 1");
    }

    @Test
    void bestSettingPerFamilyUsesTheHeadlineElseTheMeanRank() {
        Comparison c = Comparison.ofTrials(TRIALS);
        Map<String, Comparison.Best> best = new java.util.HashMap<>();
        c.best().forEach(b -> best.put(b.family(), b));
        assertEquals("model.type=a", best.get("fidelity").setting());
        assertEquals("headline", best.get("fidelity").basis());
        assertEquals(0.9, best.get("fidelity").mean(), 1e-12);
        // utility: a ranks (2, 1) -> 1.5, b ranks (1, 2) -> 1.5: a tie, the first setting wins
        assertEquals("model.type=a", best.get("utility").setting());
        assertEquals(1.5, best.get("utility").mean(), 1e-12);
        assertEquals("mean rank over 2 metrics", best.get("utility").basis());
    }

    @Test
    void directionRules() {
        assertEquals(Direction.HIGHER_IS_BETTER, Direction.of("fidelity.overall"));
        assertEquals(Direction.HIGHER_IS_BETTER, Direction.of("fidelity.contingency-similarity.race.capital-loss"),
                "the measure decides, not a column named in the key");
        assertEquals(Direction.LOWER_IS_BETTER, Direction.of("fidelity.shape-distance.age"));
        assertEquals(Direction.LOWER_IS_BETTER, Direction.of("loss"));
        assertEquals(Direction.LOWER_IS_BETTER, Direction.of("train.generator_loss"));
        assertEquals(Direction.LOWER_IS_BETTER, Direction.of("utility.gap"));
        assertEquals(Direction.LOWER_IS_BETTER, Direction.of("fairness.sex.demographic-parity-difference"));
        assertEquals(Direction.HIGHER_IS_BETTER, Direction.of("fairness.sex.disparate-impact"));
        assertEquals(Direction.LOWER_IS_BETTER, Direction.of("detection.auc"));
        assertEquals(Direction.HIGHER_IS_BETTER, Direction.of("utility.auc"));
        assertEquals(Direction.HIGHER_IS_BETTER, Direction.of("privacy.dcr.median"));
        assertEquals(Direction.LOWER_IS_BETTER, Direction.of("privacy.membership-inference.auc"));
        assertEquals(Direction.LOWER_IS_BETTER, Direction.of("privacy.exact-copies"));
        assertEquals(Direction.LOWER_IS_BETTER, Direction.of("seconds.fit"));
        // text and image metrics: the measure decides, even after a family named "...-quality"
        assertEquals(Direction.LOWER_IS_BETTER, Direction.of("perplexity.perplexity"));
        assertEquals(Direction.LOWER_IS_BETTER, Direction.of("perplexity.bits-per-char"));
        assertEquals(Direction.LOWER_IS_BETTER, Direction.of("perplexity.ratio"));
        assertEquals(Direction.LOWER_IS_BETTER, Direction.of("text-quality.self-bleu"));
        assertEquals(Direction.HIGHER_IS_BETTER, Direction.of("text-quality.distinct-2"));
        assertEquals(Direction.HIGHER_IS_BETTER, Direction.of("text-quality.novelty-3"));
        assertEquals(Direction.LOWER_IS_BETTER, Direction.of("image-quality.frechet"));
        assertEquals(Direction.LOWER_IS_BETTER, Direction.of("image-quality.class-tv"));
        assertEquals(Direction.HIGHER_IS_BETTER, Direction.of("image-quality.class-coverage"));
        assertEquals(Direction.HIGHER_IS_BETTER, Direction.of("image-quality.precision"));
        assertEquals(Direction.HIGHER_IS_BETTER, Direction.of("fidelity.column-shapes.tv-complement.age"));
    }

    @Test
    void csvAndJsonCarryEveryMetricWithUndefinedValuesLeftEmpty() throws IOException {
        Comparison c = Comparison.ofTrials(TRIALS);
        List<String> csv = c.csv().lines().toList();
        assertEquals("metric,family,direction,setting,n,mean,std,min,max,rank", csv.get(0));
        assertTrue(csv.contains("fidelity.overall,fidelity,higher,model.type=c,1,0.65,,0.65,0.65,2"), c.csv());
        assertTrue(csv.contains("utility.gap,utility,lower,model.type=c,0,,,,,"), c.csv());
        assertEquals(1 + 4 * 3, csv.size());
        JsonNode json = Json.MAPPER.readTree(c.json());
        assertEquals(3, json.get("settings").size());
        JsonNode fidelity = json.get("metrics").get(0);
        assertEquals("fidelity.overall", fidelity.get("metric").asText());
        assertEquals(0.1, fidelity.get("entries").get(0).get("std").asDouble(), 1e-12);
        assertTrue(fidelity.get("entries").get(2).get("std").isNull());
        assertEquals("model.type=a", json.get("best").get(0).get("setting").asText());
    }

    @Test
    void oneSettingIsLabelledByItsModel() {
        Comparison c = Comparison.ofTrials(TRIALS.subList(0, 3));
        assertEquals(List.of("a"), c.settings().stream().map(Comparison.Setting::label).toList());
        assertEquals(List.of("fidelity.overall", "utility.gap", "utility.accuracy", "x.score"), c.mainMetrics());
    }

    private static List<Integer> ranks(Comparison c, String metric) {
        return c.entries(metric).stream().map(Entry::rank).toList();
    }
}
