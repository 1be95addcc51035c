package com.example.genlab.knn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.genlab.spi.Column;
import dev.genlab.spi.Data;
import dev.genlab.spi.Plugin;
import dev.genlab.spi.PluginConfigException;
import dev.genlab.spi.Schema;
import dev.genlab.spi.Table;
import dev.genlab.testkit.ModelPluginContract;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** genlab's contract tests (discovery, config defaults, sampling, determinism, save/load) plus our own. */
class TestKnnResamplerPlugin extends ModelPluginContract {
    @Override
    protected Plugin plugin() {
        return new KnnResamplerPlugin();
    }

    @Override
    protected Data trainingData() {
        SplittableRandom r = new SplittableRandom(1);
        int n = 200;
        double[] x = new double[n];
        int[] g = new int[n];
        for (int i = 0; i < n; i++) {
            g[i] = r.nextInt(2);
            x[i] = g[i] * 10 + r.nextGaussian();
        }
        return Table.of(Schema.of(Column.numeric("x"), Column.categorical("g", List.of("low", "high"))), List.of(x, g));
    }

    @Override
    protected String settings() {
        return "k = 3";
    }

    @Test
    void keepsTheClustersApart() throws Exception {
        Table sample = fit(2, "clusters").sample(500, 3).asTable();
        int wrong = 0;
        for (int i = 0; i < sample.rowCount(); i++) {
            boolean high = sample.code(1, i) == 1;
            wrong += high != sample.numeric(0, i) > 5 ? 1 : 0;
        }
        assertEquals(0, wrong, "neighbours of a row are in its own cluster, so x stays with its group");
    }

    @Test
    void rejectsBadSettings() {
        PluginConfigException e = assertThrows(PluginConfigException.class, () -> new KnnConfig(0, 0.1));
        assertEquals("k", e.key());
    }
}
