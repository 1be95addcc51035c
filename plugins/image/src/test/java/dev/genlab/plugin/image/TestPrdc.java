package dev.genlab.plugin.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Precision, recall, density and coverage against the reference prdc package on the fixture features. */
class TestPrdc {
    @ParameterizedTest(name = "k = {0}")
    @ValueSource(ints = {3, 5})
    void matchesThePrdcPackage(int k) {
        Prdc p = Prdc.of(Fixtures.matrix("prdc-real.csv"), Fixtures.matrix("prdc-fake.csv"), k);
        assertEquals(Fixtures.expected("prdc.k" + k + ".precision"), p.precision(), 1e-12);
        assertEquals(Fixtures.expected("prdc.k" + k + ".recall"), p.recall(), 1e-12);
        assertEquals(Fixtures.expected("prdc.k" + k + ".density"), p.density(), 1e-12);
        assertEquals(Fixtures.expected("prdc.k" + k + ".coverage"), p.coverage(), 1e-12);
    }

    @Test
    void identicalSetsAreFullyPreciseAndCovered() {
        double[][] real = Fixtures.matrix("prdc-real.csv");
        Prdc p = Prdc.of(real, real, 5);
        assertEquals(new Prdc(1, 1, 1, 1), p);
    }

    @Test
    void tooFewRowsForKIsNaN() {
        Prdc p = Prdc.of(new double[][] {{0}, {1}, {2}}, new double[][] {{0}, {1}, {2}}, 3);
        assertTrue(Double.isNaN(p.precision()) && Double.isNaN(p.coverage()));
    }
}
