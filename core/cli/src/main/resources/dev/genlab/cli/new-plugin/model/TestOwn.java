package {{package}};

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genlab.spi.Table;
import dev.genlab.testkit.TestContexts;
import dev.genlab.testkit.TestData;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What this model promises: without noise, every sampled value is a training value, and the category shares hold. */
class Test{{Class}} {
    @TempDir
    Path work;

    @Test
    void withoutNoiseSamplesTrainingValuesInTheirShares() throws Exception {
        Table train = TestData.mixed(300, 2);
        Table sample = new {{Class}}(new {{Name}}Config(0)).fit(train, TestContexts.training(1, work)).sample(4000, 7).asTable();
        Set<Double> ages = new HashSet<>();
        for (double v : train.numericColumn("age")) {
            ages.add(v);
        }
        for (double v : sample.numericColumn("age")) {
            assertTrue(ages.contains(v), v + " is not a training age");
        }
        assertEquals(share(train, "sex", "F"), share(sample, "sex", "F"), 0.05);
    }

    private static double share(Table t, String column, String level) {
        int code = t.schema().column(column).codeOf(level);
        return (double) java.util.Arrays.stream(t.codes(column)).filter(c -> c == code).count() / t.rowCount();
    }
}
