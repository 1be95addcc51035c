package dev.genlab.dp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genlab.spi.ColumnDomain;
import dev.genlab.spi.Data;
import dev.genlab.spi.DataProblems;
import dev.genlab.spi.Plugin;
import dev.genlab.spi.PublicDomain;
import dev.genlab.spi.Table;
import dev.genlab.testkit.ModelPluginContract;
import dev.genlab.testkit.TestContexts;
import dev.genlab.testkit.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TestMstModelPlugin extends ModelPluginContract {
    static PublicDomain mixedDomain() {
        Map<String, ColumnDomain> d = new LinkedHashMap<>();
        d.put("age", ColumnDomain.range(0, 120));
        d.put("hours", ColumnDomain.range(0, 99).orMissing());
        d.put("sex", ColumnDomain.categories(List.of("F", "M")));
        d.put("income", ColumnDomain.categories(List.of("low", "high")));
        return new PublicDomain(d, "test");
    }

    @Override
    protected Plugin plugin() {
        return new MstModelPlugin();
    }

    @Override
    protected Data trainingData() {
        return TestData.mixed(200, 1);
    }

    @Override
    protected Optional<PublicDomain> publicDomain() {
        return Optional.of(mixedDomain());
    }

    @Test
    void logsTheBudgetItSpentAndSamplesInsideTheDomain() throws IOException {
        TestContexts.RecordingContext context = TestContexts.training(3, Files.createDirectories(workDirectory.resolve("budget")),
                Optional.of(mixedDomain()));
        MstModel model = new MstModel(new MstConfig(0.5, 1e-6, 16, false));
        Table synthetic = model.fit(TestData.mixed(500, 2), context).sample(300, 4).asTable();
        double spent = context.history("privacy.epsilon-spent").get(0);
        assertTrue(spent <= 0.5 && spent > 0.5 * (1 - 1e-6), "spent " + spent);
        assertEquals(List.of(1e-6), context.history("privacy.delta"));
        assertEquals(ZcdpAccountant.rho(0.5, 1e-6), context.history("privacy.rho-spent").get(0), 1e-8);
        assertEquals(List.of(), mixedDomain().violations(synthetic, 10));
        assertEquals(Map.of("privacy.epsilon-spent", spent, "privacy.rho-spent", context.history("privacy.rho-spent").get(0), "privacy.delta", 1e-6,
                "privacy.epsilon", 0.5),
                context.results());
        assertEquals(List.of(), context.warnings());
    }

    @Test
    void readsBoundsFromTheDataOnlyWhenAskedAndWarns() throws IOException {
        TestContexts.RecordingContext context = TestContexts.training(3, Files.createDirectories(workDirectory.resolve("from-data")),
                Optional.of(mixedDomain().without(List.of("hours"))));
        MstModel model = new MstModel(new MstConfig(1, 1e-6, 16, true));
        List<String> found = new ArrayList<>();
        model.check(TestData.mixed(20, 1), Optional.empty(), collecting(found));
        assertEquals(List.of(), found);
        Table train = TestData.mixed(500, 2);
        Table synthetic = model.fit(train, context).sample(300, 4).asTable();
        assertEquals(1.0, context.results().get("privacy.domain-from-data"));
        assertEquals(List.of("mst read the bounds or categories of 1 column(s) from the private training data (model.domain-from-data = true): "
                + "hours; the differential privacy guarantee does not cover them"), context.warnings());
        double[] hours = train.numericColumn("hours");
        double min = Arrays.stream(hours).filter(Double::isFinite).min().orElseThrow();
        double max = Arrays.stream(hours).filter(Double::isFinite).max().orElseThrow();
        for (double h : synthetic.numericColumn("hours")) {
            assertTrue(Double.isNaN(h) || (h >= min && h <= max), "hours " + h + " outside the observed [" + min + ", " + max + "]");
        }
    }

    @Test
    void warnsWhenDeltaIsNotWellBelowOneOverN() throws IOException {
        TestContexts.RecordingContext context = TestContexts.training(3, Files.createDirectories(workDirectory.resolve("delta")),
                Optional.of(mixedDomain()));
        new MstModel(new MstConfig(1, 1e-3, 16, false)).fit(TestData.mixed(500, 2), context);
        assertEquals(List.of("model.delta = 0.00100 is not well below 1/n = 0.00200 (n = 500 training rows); keep delta <= 0.000200"),
                context.warnings());
    }

    private static DataProblems collecting(List<String> found) {
        return new DataProblems() {
            @Override
            public void setting(String key, String message) {
                found.add("model." + key + ": " + message);
            }

            @Override
            public void dataset(String key, String message) {
                found.add("dataset." + key + ": " + message);
            }
        };
    }

    @Test
    void thePaperEstimatorSpendsTheSameBudgetSamplesInsideTheDomainAndReloads() throws IOException {
        Path dir = Files.createDirectories(workDirectory.resolve("pgm"));
        TestContexts.RecordingContext context = TestContexts.training(3, dir, Optional.of(mixedDomain()));
        MstModel model = new MstModel(new MstConfig(0.5, 1e-6, 16, false, MstConfig.PRIVATE_PGM, 200));
        var fitted = model.fit(TestData.mixed(500, 2), context);
        assertTrue(fitted instanceof FittedAim, "a graphical model estimated by Private-PGM");
        double spent = context.history("privacy.epsilon-spent").get(0);
        assertTrue(spent <= 0.5 && spent > 0.5 * (1 - 1e-6), "spent " + spent);
        assertEquals(ZcdpAccountant.rho(0.5, 1e-6), context.history("privacy.rho-spent").get(0), 1e-8);
        Table synthetic = fitted.sample(300, 4).asTable();
        assertEquals(List.of(), mixedDomain().violations(synthetic, 10));
        assertEquals(synthetic, fitted.sample(300, 4).asTable(), "same seed, same rows");
        fitted.save(dir);
        assertEquals(fitted.sample(100, 6), model.load(dir).sample(100, 6));
        // the same seed measures the same noisy marginals under either estimator: the budget does not depend on it
        TestContexts.RecordingContext tree = TestContexts.training(3, Files.createDirectories(workDirectory.resolve("tree")), Optional.of(mixedDomain()));
        new MstModel(new MstConfig(0.5, 1e-6, 16, false)).fit(TestData.mixed(500, 2), tree);
        assertEquals(tree.results(), context.results());
    }

    @Test
    void refusesADatasetWithoutAPublicDomain() {
        MstModel model = new MstModel(new MstConfig(1, 1e-6, 16, false));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model.fit(TestData.mixed(50, 1), TestContexts.training(1, workDirectory)));
        assertEquals(DomainFromData.noDomain("the model"), e.getMessage());
    }

    @Test
    void savedAndLoadedSamplesTheSame() throws IOException {
        Path dir = Files.createDirectories(workDirectory.resolve("saved"));
        MstModel model = new MstModel(new MstConfig(2, 1e-6, 8, false));
        var fitted = model.fit(TestData.mixed(300, 5), TestContexts.training(1, dir, Optional.of(mixedDomain())));
        fitted.save(dir);
        assertEquals(fitted.sample(100, 6), model.load(dir).sample(100, 6));
    }

    @Test
    void checkNamesAMissingDomainBeforeAnythingRuns() {
        MstModel model = new MstModel(new MstConfig(1, 1e-6, 16, false));
        List<String> found = new ArrayList<>();
        DataProblems problems = new DataProblems() {
            @Override
            public void setting(String key, String message) {
                found.add("model." + key + ": " + message);
            }

            @Override
            public void dataset(String key, String message) {
                found.add("dataset." + key + ": " + message);
            }
        };
        model.check(TestData.mixed(20, 1), Optional.empty(), problems);
        assertEquals(List.of("dataset.type: " + DomainFromData.noDomain("mst")), found);
        found.clear();
        model.check(TestData.mixed(20, 1), Optional.of(mixedDomain().without(List.of("hours"))), problems);
        assertEquals(List.of("dataset.type: mst needs the public domain of every column, and the dataset declares none for 'hours'; "
                + "declared: age, sex, income (or set model.domain-from-data = true to read the rest from the private data)"), found);
        found.clear();
        model.check(TestData.mixed(20, 1), Optional.of(mixedDomain()), problems);
        assertEquals(List.of(), found);
    }
}
