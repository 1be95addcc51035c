package dev.genlab.dp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestRdpAccountant {
    @Test
    void equalsDpAccountingOnTheWholeGrid() {
        List<AccountantFixtures.Row> rows = AccountantFixtures.rows("rdp");
        assertEquals(120, rows.size(), "q x sigma x steps x delta grid");
        List<String> wrong = new ArrayList<>();
        for (AccountantFixtures.Row r : rows) {
            RdpAccountant.EpsilonAtOrder got = new RdpAccountant().poissonSampledGaussian(r.q(), r.sigma(), r.steps()).epsilonAndOrder(r.delta());
            if (!AccountantFixtures.close(r.epsilon(), got.epsilon()) || got.order() != r.order()) {
                wrong.add(r + ": dp-accounting eps " + r.epsilon() + " at order " + r.order() + ", ours " + got.epsilon() + " at " + got.order());
            }
        }
        assertTrue(wrong.isEmpty(), wrong.size() + " of " + rows.size() + " differ:\n" + String.join("\n", wrong));
    }

    @Test
    void noiseMultiplierEqualsDpAccountingCalibration() {
        for (AccountantFixtures.Row r : AccountantFixtures.rows("calibrate")) {
            double sigma = RdpAccountant.noiseMultiplier(r.q(), r.steps(), r.epsilon(), r.delta());
            assertTrue(AccountantFixtures.close(r.sigma(), sigma), r + ": dp-accounting sigma " + r.sigma() + ", ours " + sigma);
            assertTrue(RdpAccountant.epsilon(r.q(), sigma, r.steps(), r.delta()) <= r.epsilon(), r + ": the sigma found overspends");
            assertTrue(RdpAccountant.epsilon(r.q(), sigma * (1 - 1e-6), r.steps(), r.delta()) > r.epsilon(), r + ": a smaller sigma would do");
        }
    }

    @Test
    void composingTwiceEqualsTwiceTheSteps() {
        double once = new RdpAccountant().poissonSampledGaussian(0.01, 1.1, 200).epsilon(1e-5);
        double twice = new RdpAccountant().poissonSampledGaussian(0.01, 1.1, 100).poissonSampledGaussian(0.01, 1.1, 100).epsilon(1e-5);
        assertEquals(once, twice, 1e-12);
    }

    @Test
    void fullBatchIsTheGaussianMechanismInRdp() {
        double[] orders = {2, 8, 32};
        double[] rdp = RdpAccountant.subsampledGaussian(1, 2, orders);
        for (int i = 0; i < orders.length; i++) {
            assertEquals(orders[i] / 8, rdp[i], 0, "alpha / (2 sigma^2)");
        }
    }

    @Test
    void badArgumentsAreNamedWithTheirRange() {
        assertEquals("sampling rate q must be in (0, 1], got 0.0",
                assertThrows(IllegalArgumentException.class, () -> RdpAccountant.epsilon(0, 1, 10, 1e-5)).getMessage());
        assertEquals("sampling rate q must be in (0, 1], got 1.5",
                assertThrows(IllegalArgumentException.class, () -> RdpAccountant.epsilon(1.5, 1, 10, 1e-5)).getMessage());
        assertEquals("noise multiplier sigma must be a positive finite number, got -1.0",
                assertThrows(IllegalArgumentException.class, () -> RdpAccountant.epsilon(0.1, -1, 10, 1e-5)).getMessage());
        assertEquals("delta must be in (0, 1), got 1.0",
                assertThrows(IllegalArgumentException.class, () -> RdpAccountant.epsilon(0.1, 1, 10, 1)).getMessage());
        assertEquals("delta must be in (0, 1), got 0.0",
                assertThrows(IllegalArgumentException.class, () -> RdpAccountant.epsilon(0.1, 1, 10, 0)).getMessage());
        assertEquals("steps must be at least 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> RdpAccountant.epsilon(0.1, 1, 0, 1e-5)).getMessage());
        assertEquals("epsilon must be a positive finite number, got 0.0",
                assertThrows(IllegalArgumentException.class, () -> RdpAccountant.noiseMultiplier(0.1, 10, 0, 1e-5)).getMessage());
    }
}
