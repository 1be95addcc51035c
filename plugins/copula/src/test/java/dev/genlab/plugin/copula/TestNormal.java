package dev.genlab.plugin.copula;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TestNormal {
    /** Reference values from mpmath at 40 digits; the absolute error is below 1e-15 (documented). */
    @Test
    void cdfMatchesKnownValues() {
        assertEquals(0.5, Normal.cdf(0), 0);
        assertEquals(0.15865525393145705, Normal.cdf(-1), 2e-16);
        assertEquals(0.84134474606854295, Normal.cdf(1), 2e-16);
        assertEquals(0.97500210485177957, Normal.cdf(1.96), 2e-16);
        assertEquals(0.0013498980316300945, Normal.cdf(-3), 1e-16);
        assertEquals(2.8665157187919391e-7, Normal.cdf(-5), 1e-16);
        assertEquals(6.2209605742717841e-16, Normal.cdf(-8), 1e-23);
        assertEquals(0, Normal.cdf(Double.NEGATIVE_INFINITY), 0);
        assertEquals(1, Normal.cdf(Double.POSITIVE_INFINITY), 0);
    }

    @Test
    void inverseCdfMatchesKnownValues() {
        assertEquals(0, Normal.inverseCdf(0.5), 0);
        assertEquals(-3.0902323061678135, Normal.inverseCdf(0.001), 1e-15);
        assertEquals(-0.52440051270804078, Normal.inverseCdf(0.3), 1e-15);
        assertEquals(1.6448536269514722, Normal.inverseCdf(0.95), 1e-15); // for the double nearest 0.95
        assertEquals(-6.3613409024040562, Normal.inverseCdf(1e-10), 1e-14);
        assertEquals(-37.047096299361199, Normal.inverseCdf(1e-300), 1e-12);
        assertEquals(Double.NEGATIVE_INFINITY, Normal.inverseCdf(0));
        assertEquals(Double.POSITIVE_INFINITY, Normal.inverseCdf(1));
        for (double p = 0.001; p < 1; p += 0.001) {
            assertEquals(p, Normal.cdf(Normal.inverseCdf(p)), 1e-15);
        }
    }

    @Test
    void truncatedDrawsStayInTheirInterval() {
        SplittableRandom random = new SplittableRandom(7);
        double[][] intervals = {{-1, 0.5}, {2, 3}, {9, 10}, {-12, -11}, {Double.NEGATIVE_INFINITY, -3}, {4, Double.POSITIVE_INFINITY},
            {-0.1, Double.POSITIVE_INFINITY}, {1, 1 + 1e-12}};
        for (double[] interval : intervals) {
            double sum = 0;
            for (int i = 0; i < 2000; i++) {
                double z = Normal.drawTruncated(random, interval[0], interval[1]);
                assertTrue(z >= interval[0] && z <= interval[1], z + " outside " + interval[0] + ".." + interval[1]);
                sum += z;
            }
            if (interval[0] == -1) {
                // Mean of N(0,1) truncated to [-1, 0.5]: (φ(-1) - φ(0.5)) / (Φ(0.5) - Φ(-1)) = -0.2067
                assertEquals(-0.2067, sum / 2000, 0.03);
            }
        }
    }
}
