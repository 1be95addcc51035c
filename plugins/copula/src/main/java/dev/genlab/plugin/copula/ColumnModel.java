package dev.genlab.plugin.copula;

import dev.genlab.spi.Column;
import java.util.Objects;

/**
 * What the copula learned about one column: whether values are missing (a two-level marginal, present = 0 and
 * missing = 1), the distribution of the values that are there, and which latent dimensions carry them. A part
 * that never varies (no missing values, a single value) has no latent dimension and always samples the same.
 *
 * @param column           the column, as in the training schema
 * @param missingness      counts of present and missing values
 * @param numeric          marginal of a numeric column; null for categorical or all-missing columns
 * @param categorical      marginal of a categorical column; null for numeric or all-missing columns
 * @param valueDimension   latent dimension of the values, or -1 if they are constant (or all missing)
 * @param missingDimension latent dimension of the missing indicator, or -1 if never (or always) missing
 */
record ColumnModel(
        Column column,
        CategoricalMarginal missingness,
        NumericColumnMarginal numeric,
        CategoricalMarginal categorical,
        int valueDimension,
        int missingDimension) {

    static final int PRESENT = 0;
    static final int MISSING = 1;

    ColumnModel {
        Objects.requireNonNull(column, "column is null");
        Objects.requireNonNull(missingness, "missingness is null");
        if (missingness.levels() != 2) {
            throw new IllegalArgumentException("column '" + column.name() + "': missingness needs two levels");
        }
        boolean allMissing = missingness.count(PRESENT) == 0;
        boolean hasValues = column.isNumeric() ? numeric != null : categorical != null;
        if ((column.isNumeric() ? categorical : numeric) != null || hasValues == allMissing) {
            throw new IllegalArgumentException("column '" + column.name() + "': marginal does not match the column and its missing values");
        }
        if (categorical != null && categorical.levels() != column.levels().size()) {
            throw new IllegalArgumentException("column '" + column.name() + "': marginal has " + categorical.levels()
                    + " levels, the column " + column.levels().size());
        }
        boolean constant = allMissing || (numeric != null ? numeric.isConstant() : categorical.isConstant());
        if (constant != (valueDimension < 0) || missingness.isConstant() != (missingDimension < 0)) {
            throw new IllegalArgumentException("column '" + column.name() + "': latent dimensions do not match its marginals");
        }
    }

    boolean allMissing() {
        return missingness.count(PRESENT) == 0;
    }

    /** True if the row with latent scores {@code z} has a value in this column. */
    boolean present(double[] z) {
        return missingness.code(missingDimension < 0 ? 0 : z[missingDimension]) == PRESENT;
    }

    double numericValue(double[] z) {
        return numeric.value(valueDimension < 0 ? 0 : z[valueDimension]);
    }

    int code(double[] z) {
        return categorical.code(valueDimension < 0 ? 0 : z[valueDimension]);
    }
}
