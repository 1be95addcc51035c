package dev.genlab.plugin.deeptabular;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dev.genlab.dp.RdpAccountant;
import dev.genlab.runtime.config.Problems;
import dev.genlab.runtime.config.RecordBinder;
import dev.genlab.runtime.plugin.PluginKind;
import dev.genlab.spi.Data;
import dev.genlab.spi.DataProblems;
import dev.genlab.spi.GenerativeModel;
import dev.genlab.spi.Plugin;
import dev.genlab.spi.PluginConfigException;
import dev.genlab.spi.PublicDomain;
import dev.genlab.spi.Table;
import dev.genlab.testkit.ModelPluginContract;
import dev.genlab.testkit.PluginHarness;
import dev.genlab.testkit.TestContexts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** dp-tvae through its factory: the testkit contract, its settings, the budget it records, determinism, its public encoding. */
class TestDpTvae extends ModelPluginContract {
    static final String SETTINGS = ModelSettings.TVAE + ", epsilon = 2, delta = 1e-4, clip-norm = 1";
    static final Optional<PublicDomain> DOMAIN = Optional.of(SmallTables.mixedDomain());

    @TempDir
    Path work;

    @Override
    protected Plugin plugin() {
        return new DpTvaeModelPlugin();
    }

    @Override
    protected String settings() {
        return SETTINGS;
    }

    @Override
    protected Optional<PublicDomain> publicDomain() {
        return DOMAIN;
    }

    @Override
    protected Data trainingData() {
        return SmallTables.mixed(300, 17);
    }

    static GenerativeModel model(String extra) {
        return PluginHarness.create(PluginHarness.descriptor(PluginKind.MODEL, "dp-tvae"), SETTINGS + "\n" + extra, GenerativeModel.class);
    }

    private static List<String> problems(String settings) {
        Problems problems = new Problems();
        RecordBinder.bind(DpTvaeConfig.class, ConfigFactory.parseString(settings),
                ConfigFactory.parseResources("reference.conf").getConfig("genlab.model.dp-tvae"), "model", "model type 'dp-tvae'", problems);
        return problems.list().stream().map(p -> p.location() + ": " + p.path() + ": " + p.message()).toList();
    }

    @Test
    void defaultsAreThoseOfReferenceConf() {
        assertEquals(DpTvaeConfig.defaults(), PluginHarness.config(descriptor(), ""));
    }

    @Test
    void badBudgetsAndBinsAreLocatedAndNamedWithTheirRange() {
        assertEquals(List.of("String:2: model.epsilon: must be a positive finite number, got 0.0"), problems("epochs = 3\nepsilon = 0"));
        assertEquals(List.of("String:2: model.delta: must be in (0, 1), got 1.0"), problems("epochs = 3\ndelta = 1"));
        assertEquals(List.of("String:2: model.clip-norm: must be a positive finite number, got 0.0"), problems("epochs = 3\nclip-norm = 0"));
        assertEquals(List.of("String:2: model.noise-multiplier: must be 0 (computed from epsilon) or a positive finite number, got -1.0"),
                problems("epochs = 3\nnoise-multiplier = -1"));
        assertEquals(List.of("String:2: model.bins: must be at least 1, got 0"), problems("epochs = 3\nbins = 0"));
    }

    @Test
    void aNoiseMultiplierThatWouldSpendMoreThanEpsilonIsRefusedBeforeTraining() {
        Table train = SmallTables.mixed(300, 3);
        PluginConfigException e = assertThrows(PluginConfigException.class,
                () -> model("noise-multiplier = 0.3").check(train, DataProblems.throwing()));
        assertEquals("noise-multiplier", e.key());
        assertTrue(e.getMessage().contains("more than epsilon = 2.0; raise it to at least"), e.getMessage());
        model("noise-multiplier = 50").check(train, DataProblems.throwing()); // plenty of noise: accepted
    }

    /** The recorded ε is the accountant's for the recorded q, σ, steps and δ, and within the configured ε. */
    @Test
    void theBudgetSpentIsRecordedAndWithinEpsilon() throws Exception {
        TestContexts.RecordingContext context = TestContexts.training(1, Files.createDirectories(work.resolve("budget")), DOMAIN);
        model("").fit(SmallTables.mixed(300, 3), context);
        double spent = context.history("privacy.epsilon-spent").get(0);
        double q = context.history("privacy.sampling-rate").get(0);
        double sigma = context.history("privacy.noise-multiplier").get(0);
        long steps = Math.round(context.history("privacy.steps").get(0));
        double delta = context.history("privacy.delta").get(0);
        assertEquals(List.of(2.0), context.history("privacy.epsilon"));
        assertEquals(List.of(1.0), context.history("privacy.clip-norm"));
        assertEquals(1e-4, delta);
        assertEquals(100.0 / 300, q, 1e-12);
        assertEquals(3 * 3, steps, "3 epochs of 300 / 100 steps");
        assertEquals(RdpAccountant.epsilon(q, sigma, steps, delta), spent, 1e-12);
        assertTrue(spent <= 2.0 && spent > 1.999, "spent " + spent + " of 2.0 with the computed sigma " + sigma);
        for (double loss : context.history("loss.total")) {
            assertTrue(Double.isFinite(loss), "finite loss " + context.history("loss.total"));
        }
    }

    @Test
    void aGivenNoiseMultiplierSpendsWhatTheAccountantSays() throws Exception {
        TestContexts.RecordingContext context = TestContexts.training(1, Files.createDirectories(work.resolve("sigma")), DOMAIN);
        model("noise-multiplier = 5").fit(SmallTables.mixed(300, 3), context);
        assertEquals(List.of(5.0), context.history("privacy.noise-multiplier"));
        double spent = context.history("privacy.epsilon-spent").get(0);
        assertEquals(RdpAccountant.epsilon(1.0 / 3, 5, 9, 1e-4), spent, 1e-12);
        assertTrue(spent < 2.0, "spent " + spent);
    }

    @Test
    void oneSeedGivesTheSameLossesAndSamples() throws Exception {
        Table train = SmallTables.mixed(300, 3);
        TestContexts.RecordingContext a = TestContexts.training(7, Files.createDirectories(work.resolve("a")), DOMAIN);
        TestContexts.RecordingContext b = TestContexts.training(7, Files.createDirectories(work.resolve("b")), DOMAIN);
        Table sa = model("").fit(train, a).sample(50, 1).asTable();
        Table sb = model("").fit(train, b).sample(50, 1).asTable();
        assertEquals(a.history("loss.total"), b.history("loss.total"));
        assertEquals(sa, sb);
    }
}
