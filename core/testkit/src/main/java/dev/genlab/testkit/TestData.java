package dev.genlab.testkit;

import dev.genlab.spi.Column;
import dev.genlab.spi.Corpus;
import dev.genlab.spi.EvaluationInput;
import dev.genlab.spi.Schema;
import dev.genlab.spi.Table;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/** Small tables and corpora for a plugin's tests, written as columns of values instead of codes and arrays. */
public final class TestData {
    private TestData() {
    }

    /** A table built column by column; every column must have as many values as the first. */
    public static TableBuilder table() {
        return new TableBuilder();
    }

    /** A corpus of these documents. */
    public static Corpus corpus(String... documents) {
        return Corpus.of(List.of(documents));
    }

    /**
     * {@code rows} seeded rows of a mixed table shaped like a census extract: numeric {@code age}, whole-number
     * {@code hours}, categorical {@code sex} (sensitive) and {@code income} (the target, more often {@code high} for
     * older people working longer hours), with a few missing values in {@code hours}. Same seed, same table.
     */
    public static Table mixed(int rows, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Double[] age = new Double[rows];
        Double[] hours = new Double[rows];
        String[] sex = new String[rows];
        String[] income = new String[rows];
        for (int i = 0; i < rows; i++) {
            age[i] = Math.round((20 + 45 * random.nextDouble()) * 10) / 10.0;
            hours[i] = random.nextInt(20) == 0 ? null : (double) (20 + random.nextInt(41));
            sex[i] = random.nextBoolean() ? "F" : "M";
            double odds = (age[i] - 40) / 10 + ((hours[i] == null ? 40 : hours[i]) - 40) / 10 + random.nextGaussian();
            income[i] = odds > 0 ? "high" : "low";
        }
        return table().numeric("age", age).integer("hours", hours).categorical("sex", sex).categorical("income", income)
                .target("income").sensitive("sex").build();
    }

    /** Real train and test and synthetic data for a metric's tests, with no fitted model. */
    public static EvaluationInput evaluation(Table train, Table test, Table synthetic) {
        return new EvaluationInput(train, test, synthetic);
    }

    /** Builds a {@link Table}: {@code null} is a missing value in any column. */
    public static final class TableBuilder {
        private final List<Column> columns = new ArrayList<>();
        private final List<Object> arrays = new ArrayList<>();
        private String target;
        private List<String> sensitive = List.of();

        private TableBuilder() {
        }

        /** A numeric column. */
        public TableBuilder numeric(String name, Double... values) {
            return add(Column.numeric(name), doubles(values));
        }

        /** A numeric column whose values are whole numbers (models round what they sample). */
        public TableBuilder integer(String name, Double... values) {
            for (Double v : values) {
                if (v != null && v != Math.rint(v)) {
                    throw new IllegalArgumentException("column '" + name + "' is integral but has " + v);
                }
            }
            return add(Column.integer(name), doubles(values));
        }

        /** A categorical column; its levels are the distinct values in order of first appearance. */
        public TableBuilder categorical(String name, String... values) {
            LinkedHashSet<String> levels = new LinkedHashSet<>();
            for (String v : values) {
                if (v != null) {
                    levels.add(v);
                }
            }
            return categorical(name, List.copyOf(levels), values);
        }

        /** A categorical column with these levels in this order (levels may be absent from the values). */
        public TableBuilder categorical(String name, List<String> levels, String... values) {
            Column column = Column.categorical(name, levels);
            int[] codes = new int[values.length];
            for (int i = 0; i < values.length; i++) {
                codes[i] = values[i] == null ? Table.MISSING_CODE : column.codeOf(values[i]);
                if (values[i] != null && codes[i] < 0) {
                    throw new IllegalArgumentException("'" + values[i] + "' is not a level of column '" + name + "' " + levels);
                }
            }
            return add(column, codes);
        }

        /** The column downstream models predict. */
        public TableBuilder target(String column) {
            this.target = Objects.requireNonNull(column, "column is null");
            return this;
        }

        /** The columns fairness metrics group by. */
        public TableBuilder sensitive(String... columns) {
            this.sensitive = List.of(columns);
            return this;
        }

        public Table build() {
            Schema schema = Schema.of(columns).withTarget(target).withSensitive(sensitive);
            return Table.of(schema, arrays);
        }

        private TableBuilder add(Column column, Object values) {
            int length = values instanceof double[] d ? d.length : ((int[]) values).length;
            if (!arrays.isEmpty()) {
                Object first = arrays.get(0);
                int expected = first instanceof double[] d ? d.length : ((int[]) first).length;
                if (length != expected) {
                    throw new IllegalArgumentException("column '" + column.name() + "' has " + length + " values, the columns before it " + expected);
                }
            }
            columns.add(column);
            arrays.add(values);
            return this;
        }

        private static double[] doubles(Double[] values) {
            double[] out = new double[values.length];
            for (int i = 0; i < values.length; i++) {
                out[i] = values[i] == null ? Double.NaN : values[i];
            }
            return out;
        }
    }
}
