package {{package}};

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.genlab.spi.DataProblems;
import dev.genlab.spi.EvaluationInput;
import dev.genlab.spi.PluginConfigException;
import dev.genlab.spi.Table;
import dev.genlab.testkit.TestContexts;
import dev.genlab.testkit.TestData;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Known answers: no gap for the real data itself, a gap of one for a column shifted by one standard deviation. */
class Test{{Class}} {
    @TempDir
    Path work;

    @Test
    void knownGaps() {
        Table real = TestData.table().numeric("a", 1.0, 2.0, 3.0).numeric("b", 0.0, 0.0, 0.0).build();
        Table shifted = TestData.table().numeric("a", 2.0, 3.0, 4.0).numeric("b", 0.0, 0.0, 0.0).build();
        {{Class}} metric = new {{Class}}(new {{Name}}Config(List.of()));
        assertEquals(0.0, metric.evaluate(new EvaluationInput(real, real, real), TestContexts.training(1, work)).get("overall"));
        var result = metric.evaluate(new EvaluationInput(real, real, shifted), TestContexts.training(1, work));
        assertEquals(1.0, result.get("gap.a"), 1e-12);
        assertEquals(0.0, result.get("gap.b"));
        assertEquals(0.5, result.get("overall"), 1e-12);
    }

    @Test
    void aColumnTheDataLacksIsASettingProblem() {
        {{Class}} metric = new {{Class}}(new {{Name}}Config(List.of("nosuch")));
        PluginConfigException e = assertThrows(PluginConfigException.class, () -> metric.check(TestData.mixed(10, 1), DataProblems.throwing()));
        assertEquals("columns", e.key());
        assertEquals("no column 'nosuch' (numeric columns: age, hours)", e.getMessage());
    }
}
