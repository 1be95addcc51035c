package dev.genlab.dp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dev.genlab.runtime.config.Problems;
import dev.genlab.runtime.config.RecordBinder;
import dev.genlab.spi.Data;
import dev.genlab.spi.Plugin;
import dev.genlab.spi.PublicDomain;
import dev.genlab.spi.Table;
import dev.genlab.testkit.ModelPluginContract;
import dev.genlab.testkit.TestContexts;
import dev.genlab.testkit.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TestAimModelPlugin extends ModelPluginContract {
    @Override
    protected Plugin plugin() {
        return new AimModelPlugin();
    }

    @Override
    protected Data trainingData() {
        return TestData.mixed(200, 1);
    }

    @Override
    protected Optional<PublicDomain> publicDomain() {
        return Optional.of(TestMstModelPlugin.mixedDomain());
    }

    private static List<String> problems(String settings) {
        Problems problems = new Problems();
        RecordBinder.bind(AimConfig.class, ConfigFactory.parseString(settings), ConfigFactory.parseResources("reference.conf").getConfig("genlab.model.aim"),
                "model", "model type 'aim'", problems);
        return problems.list().stream().map(p -> p.path() + ": " + p.message()).toList();
    }

    private static AimConfig bind(String settings) {
        Problems problems = new Problems();
        AimConfig c = RecordBinder.bind(AimConfig.class, ConfigFactory.parseString(settings),
                ConfigFactory.parseResources("reference.conf").getConfig("genlab.model.aim"), "model", "model type 'aim'", problems);
        assertEquals(List.of(), problems.list());
        return c;
    }

    @Test
    void configDefaultsAndFullMapping() {
        assertEquals(new AimConfig(1.0, 1e-6, 32, 2, 1, 0, 50, false), bind(""));
        assertEquals(new AimConfig(4.0, 1e-9, 10, 3, 20, 100, 1000, true),
                bind("epsilon = 4, delta = 1e-9, bins = 10, degree = 3, max-model-size = 20, rounds = 100, iterations = 1000, domain-from-data = true"));
    }

    @Test
    void badSettingsAreNamedWithTheirChoices() {
        assertEquals(List.of("model.degree: must be 2 (every 2-way marginal) or 3 (every 3-way marginal), got 4"), problems("degree = 4"));
        assertEquals(List.of("model.epsilon: must be a positive finite number, got -1.0"), problems("epsilon = -1"));
        assertEquals(List.of("model.max-model-size: must be a positive number of megabytes, got 0.0"), problems("max-model-size = 0"));
        assertEquals(List.of("model.iterations: must be between 1 and 100000, got 0"), problems("iterations = 0"));
    }

    @Test
    void recordsTheBudgetItSpentAndSamplesInsideTheDomain() throws IOException {
        TestContexts.RecordingContext context = TestContexts.training(3, Files.createDirectories(workDirectory.resolve("budget")),
                Optional.of(TestMstModelPlugin.mixedDomain()));
        AimModel model = new AimModel(new AimConfig(0.5, 1e-6, 16, 2, 1, 0, 50, false));
        Table synthetic = model.fit(TestData.mixed(500, 2), context).sample(300, 4).asTable();
        double spent = context.results().get("privacy.epsilon-spent");
        assertTrue(spent <= 0.5 && spent > 0.5 * (1 - 1e-6), "spent " + spent);
        assertEquals(1e-6, context.results().get("privacy.delta"));
        assertEquals(List.of(), TestMstModelPlugin.mixedDomain().violations(synthetic, 10));
        assertEquals(List.of(), context.warnings());
    }

    @Test
    void savedAndLoadedSamplesTheSame() throws IOException {
        Path dir = Files.createDirectories(workDirectory.resolve("saved"));
        AimModel model = new AimModel(new AimConfig(2, 1e-6, 8, 2, 1, 0, 50, false));
        var fitted = model.fit(TestData.mixed(300, 5), TestContexts.training(1, dir, Optional.of(TestMstModelPlugin.mixedDomain())));
        fitted.save(dir);
        assertEquals(fitted.sample(100, 6), model.load(dir).sample(100, 6));
    }
}
