package dev.genlab.plugin.deeptabular;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genlab.spi.Column;
import dev.genlab.spi.Schema;
import dev.genlab.spi.Table;
import dev.genlab.testkit.TestContexts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Property test: every deep tabular model fits and samples a column of awkward values real data holds (signed
 * zeros, subnormals, ties, ±1e300) next to ordinary columns. Constant and all-missing columns are covered by
 * {@link TestDeepModels}. Each sample has the training schema and row count and only finite values in a column
 * without missing values.
 */
class TestDeepModelsAwkwardValues {
    @TempDir
    Path work;

    enum Awkward {
        SIGNED_ZEROS(r -> switch (r.nextInt(3)) { case 0 -> -0.0; case 1 -> 0.0; default -> r.nextGaussian(); }),
        SUBNORMALS(r -> r.nextInt(4) * Double.MIN_VALUE * (r.nextBoolean() ? 1 : -1)),
        TIES(r -> (double) r.nextInt(3)),
        HUGE(r -> switch (r.nextInt(3)) { case 0 -> 1e300; case 1 -> -1e300; default -> r.nextDouble(); });

        final ToDoubleFunction<SplittableRandom> value;

        Awkward(ToDoubleFunction<SplittableRandom> value) {
            this.value = value;
        }
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (String model : List.of("gan", "ctgan", "tvae", "ddpm")) {
            for (Awkward a : Awkward.values()) {
                out.add(Arguments.of(model, a));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("cases")
    void fitsAndSamples(String model, Awkward awkward) throws Exception {
        int rows = 120;
        SplittableRandom random = new SplittableRandom(awkward.ordinal() + 1L);
        double[] odd = new double[rows];
        double[] x = new double[rows];
        int[] colour = new int[rows];
        for (int i = 0; i < rows; i++) {
            odd[i] = awkward.value.applyAsDouble(random);
            x[i] = random.nextGaussian();
            colour[i] = random.nextInt(2);
        }
        Schema schema = Schema.of(Column.numeric("odd"), Column.numeric("x"), Column.categorical("colour", List.of("red", "blue")));
        Table train = Table.of(schema, List.of(odd, x, colour));
        Table sample = TestDeepModels.model(model, "").fit(train, TestContexts.training(7, Files.createDirectories(work.resolve(model))))
                .sample(50, 3).asTable();
        assertEquals(schema, sample.schema());
        assertEquals(50, sample.rowCount());
        for (int r = 0; r < sample.rowCount(); r++) {
            assertTrue(Double.isFinite(sample.numeric(0, r)), model + " sampled " + sample.numeric(0, r) + " for " + awkward);
            assertTrue(Double.isFinite(sample.numeric(1, r)), model + " sampled x = " + sample.numeric(1, r) + " next to " + awkward);
        }
    }
}
