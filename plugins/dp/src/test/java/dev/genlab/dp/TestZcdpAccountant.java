package dev.genlab.dp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TestZcdpAccountant {
    @Test
    void tightConversionEqualsDpAccountingAtItsOptimalOrder() {
        List<AccountantFixtures.Row> rows = AccountantFixtures.rows("zcdp");
        assertEquals(24, rows.size());
        for (AccountantFixtures.Row r : rows) {
            double eps = ZcdpAccountant.epsilon(r.q(), r.delta());
            assertTrue(AccountantFixtures.close(r.epsilon(), eps), r + ": dp-accounting " + r.epsilon() + ", ours " + eps);
        }
    }

    @Test
    void rhoFromABudgetInvertsTheConversion() {
        for (AccountantFixtures.Row r : AccountantFixtures.rows("zcdp")) {
            double rho = ZcdpAccountant.rho(r.epsilon(), r.delta());
            assertTrue(AccountantFixtures.close(r.q(), rho), r + ": rho " + r.q() + " gives eps " + r.epsilon() + ", rho(eps) is " + rho);
            assertTrue(ZcdpAccountant.epsilon(rho, r.delta()) <= r.epsilon() * (1 + 1e-12), r + ": the rho found overspends");
        }
    }

    @Test
    void simpleBoundIsLooserThanTheTightOne() {
        for (AccountantFixtures.Row r : AccountantFixtures.rows("zcdp")) {
            double simple = ZcdpAccountant.simpleEpsilon(r.q(), r.delta());
            assertEquals(r.q() + 2 * Math.sqrt(r.q() * Math.log(1 / r.delta())), simple, 1e-12);
            assertTrue(simple > r.epsilon(), r + ": simple " + simple + " vs tight " + r.epsilon());
        }
    }

    @Test
    void gaussianMeasurementsComposeByAddition() {
        // MST's split: sigma = sqrt(3 / (2 rho)) for each of the 1-way and 2-way measurement rounds, rho/3 for selection
        double rho = ZcdpAccountant.rho(1.0, 1e-6);
        double sigma = Math.sqrt(3 / (2 * rho));
        ZcdpAccountant accountant = new ZcdpAccountant()
                .gaussian("1-way marginals", 1, sigma)
                .exponential("tree selection", ZcdpAccountant.exponentialEpsilon(rho / 3))
                .gaussian("2-way marginals", 1, sigma);
        assertEquals(rho, accountant.rho(), 1e-12 * rho);
        assertEquals(3, accountant.ledger().size());
        assertEquals(rho / 3, accountant.ledger().get(0).rho(), 1e-15);
        assertTrue(accountant.epsilon(1e-6) <= 1.0 + 1e-9);
        assertEquals(0.125, ZcdpAccountant.gaussianRho(1, 2), 0);
        assertEquals(2, ZcdpAccountant.gaussianSigma(1, 0.125), 1e-15);
        assertEquals(0.5, ZcdpAccountant.exponentialRho(2), 0);
    }

    @Test
    void nothingSpentIsEpsilonZero() {
        assertEquals(0, new ZcdpAccountant().epsilon(1e-6), 0);
    }

    @Test
    void badArgumentsAreNamedWithTheirRange() {
        assertEquals("epsilon must be a positive finite number, got -1.0",
                assertThrows(IllegalArgumentException.class, () -> ZcdpAccountant.rho(-1, 1e-6)).getMessage());
        assertEquals("delta must be in (0, 1), got 0.0",
                assertThrows(IllegalArgumentException.class, () -> ZcdpAccountant.rho(1, 0)).getMessage());
        assertEquals("delta must be in (0, 1), got 2.0",
                assertThrows(IllegalArgumentException.class, () -> ZcdpAccountant.epsilon(1, 2)).getMessage());
        assertEquals("rho must be a non-negative finite number, got -0.5",
                assertThrows(IllegalArgumentException.class, () -> new ZcdpAccountant().spend("x", -0.5)).getMessage());
        assertEquals("sigma must be a positive finite number, got 0.0",
                assertThrows(IllegalArgumentException.class, () -> ZcdpAccountant.gaussianRho(1, 0)).getMessage());
    }
}
