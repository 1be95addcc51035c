package {{package}};

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.genlab.spi.Table;
import dev.genlab.testkit.TestContexts;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What this dataset promises: the configured correlation, and rows that follow the run's seed. */
class Test{{Class}} {
    @TempDir
    Path work;

    private Table load(long seed) {
        return new {{Class}}(new {{Name}}Config(20000, 0.6)).load(TestContexts.dataset(work, seed)).data().asTable();
    }

    @Test
    void hasTheConfiguredCorrelation() {
        Table t = load(1);
        double[] x = t.numericColumn("x");
        double[] y = t.numericColumn("y");
        double mx = 0;
        double my = 0;
        for (int i = 0; i < x.length; i++) {
            mx += x[i] / x.length;
            my += y[i] / y.length;
        }
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        assertEquals(0.6, sxy / Math.sqrt(sxx * syy), 0.03);
    }

    @Test
    void followsTheRunsSeed() {
        assertEquals(load(3), load(3));
        assertNotEquals(load(3), load(4));
    }
}
