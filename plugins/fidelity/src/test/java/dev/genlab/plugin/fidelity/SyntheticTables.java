package dev.genlab.plugin.fidelity;

import dev.genlab.spi.Column;
import dev.genlab.spi.Schema;
import dev.genlab.spi.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Generated test tables. */
final class SyntheticTables {
    private SyntheticTables() {
    }

    /**
     * A table shaped like UCI Adult: 6 integral numeric and 9 categorical columns with Adult's cardinalities (2 to 42
     * levels), a few percent missing categories, and dependencies between columns so every pair has a trend.
     */
    static Table adultLike(int rows, SplittableRandom random) {
        int[] levels = {9, 16, 7, 15, 6, 5, 2, 42, 2};
        String[] categorical = {"workclass", "education", "marital-status", "occupation", "relationship", "race", "sex",
            "native-country", "income"};
        List<Column> columns = new ArrayList<>();
        for (String name : List.of("age", "fnlwgt", "education-num", "capital-gain", "capital-loss", "hours-per-week")) {
            columns.add(Column.integer(name));
        }
        for (int c = 0; c < categorical.length; c++) {
            List<String> names = new ArrayList<>();
            for (int l = 0; l < levels[c]; l++) {
                names.add(categorical[c] + "-" + l);
            }
            columns.add(Column.categorical(categorical[c], names));
        }
        double[][] numeric = new double[6][rows];
        int[][] codes = new int[9][rows];
        for (int r = 0; r < rows; r++) {
            double latent = random.nextDouble();
            int education = (int) Math.min(15, Math.floor(16 * Math.pow(latent, 0.7)));
            numeric[0][r] = Math.round(17 + 60 * Math.pow(random.nextDouble(), 1.4));
            numeric[1][r] = Math.round(12_000 + 400_000 * Math.pow(random.nextDouble(), 2));
            numeric[2][r] = education + 1;
            numeric[3][r] = random.nextDouble() < 0.92 ? 0 : Math.round(100_000 * Math.pow(random.nextDouble(), 3) * (0.5 + latent));
            numeric[4][r] = random.nextDouble() < 0.95 ? 0 : Math.round(1000 + 3000 * random.nextDouble());
            numeric[5][r] = Math.round(Math.max(1, Math.min(99, 40 + 12 * (random.nextDouble() - 0.5) * 2 + 10 * (latent - 0.5)
                    + (numeric[0][r] - 40) / 5)));
            codes[1][r] = education;
            codes[8][r] = random.nextDouble() < 0.1 + 0.5 * latent ? 1 : 0;
            codes[6][r] = random.nextDouble() < 0.33 + 0.2 * codes[8][r] ? 1 : 0;
            codes[4][r] = Math.min(5, (int) (random.nextDouble() * 3 + 3 * codes[6][r] * random.nextDouble()));
            codes[2][r] = Math.min(6, codes[4][r] + random.nextInt(2));
            for (int c : new int[] {0, 3, 5, 7}) {
                codes[c][r] = (int) Math.floor(levels[c] * Math.pow(random.nextDouble(), 2 + latent));
            }
            for (int c : new int[] {0, 3, 7}) {
                if (random.nextDouble() < 0.02) {
                    codes[c][r] = Table.MISSING_CODE;
                }
            }
        }
        List<Object> arrays = new ArrayList<>(List.of((Object[]) numeric));
        arrays.addAll(List.of((Object[]) codes));
        return Table.of(Schema.of(columns), arrays);
    }
}
