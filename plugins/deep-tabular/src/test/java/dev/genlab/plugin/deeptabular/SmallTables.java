package dev.genlab.plugin.deeptabular;

import dev.genlab.plugin.djl.nn.Gaussians;
import dev.genlab.spi.Column;
import dev.genlab.spi.ColumnDomain;
import dev.genlab.spi.PublicDomain;
import dev.genlab.spi.Schema;
import dev.genlab.spi.Table;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Small mixed tables for the model tests. */
final class SmallTables {
    private SmallTables() {
    }

    /**
     * A bimodal numeric column, an integral age with missing values, a colour (with missing values) that
     * depends on the bimodal column, a sex column, a constant and an all-missing column.
     */
    static Table mixed(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] bimodal = new double[n];
        double[] age = new double[n];
        int[] colour = new int[n];
        int[] sex = new int[n];
        double[] constant = new double[n];
        double[] empty = new double[n];
        for (int i = 0; i < n; i++) {
            boolean low = r.nextBoolean();
            bimodal[i] = low ? -5 + 0.5 * Gaussians.next(r) : 10 + Gaussians.next(r);
            age[i] = r.nextInt(10) == 0 ? Double.NaN : 18 + r.nextInt(60);
            colour[i] = r.nextInt(10) == 0 ? Table.MISSING_CODE : (low ? r.nextInt(2) : 2);
            sex[i] = r.nextInt(3) == 0 ? 1 : 0;
            constant[i] = 7;
            empty[i] = Double.NaN;
        }
        Schema schema = Schema.of(Column.numeric("bimodal"), Column.integer("age"),
                Column.categorical("colour", List.of("red", "green", "blue")),
                Column.categorical("sex", List.of("Male", "Female")),
                Column.numeric("constant"), Column.numeric("empty"));
        return Table.of(schema, List.of(bimodal, age, colour, sex, constant, empty));
    }

    /** A public domain for {@link #mixed}'s columns, as a dataset's codebook would declare it. */
    static PublicDomain mixedDomain() {
        Map<String, ColumnDomain> d = new LinkedHashMap<>();
        d.put("bimodal", ColumnDomain.range(-10, 16));
        d.put("age", ColumnDomain.range(0, 100).orMissing());
        d.put("colour", ColumnDomain.categories(List.of("red", "green", "blue")).orMissing());
        d.put("sex", ColumnDomain.categories(List.of("Male", "Female")));
        d.put("constant", ColumnDomain.range(7, 7));
        d.put("empty", ColumnDomain.range(0, 1).orMissing());
        return new PublicDomain(d, "SmallTables' codebook");
    }
}
