package dev.genlab.plugin.copula;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genlab.spi.Column;
import dev.genlab.spi.FittedModel;
import dev.genlab.spi.Schema;
import dev.genlab.spi.Table;
import dev.genlab.testkit.TestContexts;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Property test: the copula fits and samples any column of awkward values real data holds (signed zeros,
 * subnormals, ties, constants, ±1e300, all missing), alone and next to an ordinary column, for several seeds and
 * sizes. Each sample has the training schema and row count, no value outside the training range of its column,
 * and missing values only where the column had some.
 */
class TestCopulaAwkwardValues {
    @TempDir
    Path directory;

    /** Awkward columns as generators of {@code rows} values from a seeded random. */
    enum Awkward {
        SIGNED_ZEROS((r, i) -> r.nextBoolean() ? -0.0 : 0.0),
        SIGNED_ZEROS_AND_VALUES((r, i) -> switch (r.nextInt(3)) { case 0 -> -0.0; case 1 -> 0.0; default -> r.nextGaussian(); }),
        SUBNORMALS((r, i) -> r.nextInt(4) * Double.MIN_VALUE * (r.nextBoolean() ? 1 : -1)),
        SUBNORMALS_AND_ZEROS((r, i) -> r.nextBoolean() ? Double.MIN_NORMAL / (1 + r.nextInt(1000)) : -0.0),
        TIES((r, i) -> (double) r.nextInt(3)),
        CONSTANT((r, i) -> 7.0),
        NEGATIVE_ZERO_CONSTANT((r, i) -> -0.0),
        HUGE((r, i) -> (r.nextBoolean() ? 1e300 : -1e300) * (1 + r.nextDouble())),
        HUGE_AND_SMALL((r, i) -> switch (r.nextInt(3)) { case 0 -> 1e300; case 1 -> -1e300; default -> r.nextDouble(); }),
        ALL_MISSING((r, i) -> Double.NaN),
        MOSTLY_MISSING((r, i) -> r.nextInt(10) == 0 ? -0.0 : Double.NaN),
        MAX_VALUES((r, i) -> r.nextBoolean() ? Double.MAX_VALUE : -Double.MAX_VALUE);

        final Value value;

        Awkward(Value value) {
            this.value = value;
        }
    }

    interface Value {
        double of(SplittableRandom random, int row);
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (Awkward a : Awkward.values()) {
            for (int rows : new int[] {1, 2, 37, 500}) {
                for (NumericMarginal marginal : NumericMarginal.values()) {
                    out.add(Arguments.of(a, rows, marginal, rows % 2 == 0, 1000L + rows));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}, {1} rows, {2} marginal, latent missing {3}")
    @MethodSource("cases")
    void fitsAndSamples(Awkward awkward, int rows, NumericMarginal marginal, boolean latentMissing, long seed) throws Exception {
        SplittableRandom random = new SplittableRandom(seed);
        double[] odd = new double[rows];
        double[] normal = new double[rows];
        int[] colour = new int[rows];
        for (int i = 0; i < rows; i++) {
            odd[i] = awkward.value.of(random, i);
            normal[i] = random.nextGaussian();
            colour[i] = random.nextInt(2);
        }
        Schema schema = Schema.of(Column.numeric("odd"), Column.numeric("x"), Column.categorical("colour", List.of("red", "blue")));
        Table train = Table.of(schema, List.of(odd, normal, colour));
        CopulaConfig defaults = CopulaConfig.defaults();
        CopulaConfig config = new CopulaConfig(marginal, latentMissing, true, defaults.minEigenvalue(), defaults.minAcceptanceRate());
        FittedModel fitted = new CopulaModel(config).fit(train, TestContexts.training(seed, directory));
        Table sample = (Table) fitted.sample(3 * rows + 5, seed + 1);

        assertEquals(schema, sample.schema());
        assertEquals(3 * rows + 5, sample.rowCount());
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        boolean anyMissing = false;
        for (double v : odd) {
            anyMissing |= Double.isNaN(v);
            if (!Double.isNaN(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        for (int r = 0; r < sample.rowCount(); r++) {
            double v = sample.numeric(0, r);
            if (Double.isNaN(v)) {
                assertTrue(anyMissing, "missing value sampled for a column with none: " + awkward);
            } else {
                assertTrue(v >= min && v <= max, v + " outside the training range [" + min + ", " + max + "] of " + awkward);
            }
            assertTrue(Double.isFinite(sample.numeric(1, r)), "x is " + sample.numeric(1, r));
        }
    }
}
