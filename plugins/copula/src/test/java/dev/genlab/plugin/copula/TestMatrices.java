package dev.genlab.plugin.copula;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TestMatrices {
    @Test
    void choleskyReproducesTheMatrix() {
        double[][] a = {{1, 0.5, 0.2}, {0.5, 1, -0.3}, {0.2, -0.3, 1}};
        double[][] l = Matrices.cholesky(a, 0);
        assertNotNull(l);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double s = 0;
                for (int k = 0; k < 3; k++) {
                    s += l[i][k] * l[j][k];
                }
                assertEquals(a[i][j], s, 1e-14);
            }
        }
        assertNull(Matrices.cholesky(new double[][] {{1, 1}, {1, 1}}, 1e-9));
    }

    @Test
    void eigenDecompositionReproducesTheMatrix() {
        double[][] a = {{4, 1, 2, 0.5}, {1, 3, 0, 1}, {2, 0, 5, -1}, {0.5, 1, -1, 2}};
        Matrices.Eigen eigen = Matrices.symmetricEigen(a);
        double[][] v = eigen.vectors();
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                double s = 0;
                double identity = 0;
                for (int k = 0; k < 4; k++) {
                    s += v[i][k] * eigen.values()[k] * v[j][k];
                    identity += v[k][i] * v[k][j];
                }
                assertEquals(a[i][j], s, 1e-12);
                assertEquals(i == j ? 1 : 0, identity, 1e-12);
            }
        }
        assertEquals(14, Arrays.stream(eigen.values()).sum(), 1e-12);
    }

    @Test
    void clippingMakesAnIndefiniteMatrixAValidCorrelationMatrix() {
        // Pairwise estimates can be mutually inconsistent: x~y and y~z strongly, but x and z opposite.
        double[][] r = {{1, 0.9, -0.9}, {0.9, 1, 0.9}, {-0.9, 0.9, 1}};
        assertNull(Matrices.cholesky(r, 0));
        double[][] fixed = Matrices.clipEigenvalues(r, 1e-6);
        assertNotNull(Matrices.cholesky(fixed, 0));
        for (int i = 0; i < 3; i++) {
            assertEquals(1, fixed[i][i], 0);
            for (int j = 0; j < 3; j++) {
                assertEquals(fixed[i][j], fixed[j][i], 0);
                assertEquals(Math.signum(r[i][j]), Math.signum(fixed[i][j]));
            }
        }
        double[] values = Matrices.symmetricEigen(fixed).values();
        assertTrue(Arrays.stream(values).min().orElseThrow() > 0);
    }
}
