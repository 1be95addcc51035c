package dev.genlab.dp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.ConfigFactory;
import dev.genlab.runtime.config.Problems;
import dev.genlab.runtime.config.RecordBinder;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestMstConfig {
    private static List<String> problems(String settings) {
        Problems problems = new Problems();
        RecordBinder.bind(MstConfig.class, ConfigFactory.parseString(settings), ConfigFactory.parseResources("reference.conf").getConfig("genlab.model.mst"),
                "model", "model type 'mst'", problems);
        return problems.list().stream().map(p -> p.path() + ": " + p.message()).toList();
    }

    private static MstConfig bind(String settings) {
        Problems problems = new Problems();
        MstConfig c = RecordBinder.bind(MstConfig.class, ConfigFactory.parseString(settings),
                ConfigFactory.parseResources("reference.conf").getConfig("genlab.model.mst"), "model", "model type 'mst'", problems);
        assertEquals(List.of(), problems.list());
        return c;
    }

    @Test
    void defaults() {
        assertEquals(new MstConfig(1.0, 1e-6, 32, false), bind(""));
    }

    @Test
    void fullMapping() {
        assertEquals(new MstConfig(3.0, 1e-9, 10, true), bind("epsilon = 3, delta = 1e-9, bins = 10, domain-from-data = true"));
    }

    @Test
    void badBudgetsAreNamedWithTheirRange() {
        assertEquals(List.of("model.epsilon: must be a positive finite number, got 0.0"), problems("epsilon = 0"));
        assertEquals(List.of("model.delta: must be in (0, 1), got 1.0"), problems("delta = 1"));
        assertEquals(List.of("model.bins: must be between 1 and 1000, got 0"), problems("bins = 0"));
        assertEquals(List.of("model.estimator: must be one of: tree, private-pgm; got 'pgm'"), problems("estimator = pgm"));
        assertEquals(List.of("model.iterations: must be between 1 and 100000, got 0"), problems("estimator = private-pgm, iterations = 0"));
    }

    @Test
    void thePaperEstimatorIsASetting() {
        assertEquals(new MstConfig(1.0, 1e-6, 32, false, MstConfig.PRIVATE_PGM, 200), bind("estimator = private-pgm, iterations = 200"));
    }
}
