package dev.genlab.spi;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * What one column's values may be, known without looking at the data: a closed range for a numeric column, the set
 * of categories for a categorical one, and whether a value may be missing. It comes from a codebook or the source's
 * documentation. Differentially private generators bin and enumerate from it: bounds read off the private rows would
 * themselves leak.
 *
 * @param min          smallest possible value of a numeric column; NaN for a categorical one
 * @param max          largest possible value of a numeric column; NaN for a categorical one
 * @param levels       the possible categories of a categorical column; empty for a numeric one
 * @param mayBeMissing whether the source may leave the value out
 */
public record ColumnDomain(double min, double max, List<String> levels, boolean mayBeMissing) {
    public ColumnDomain {
        levels = List.copyOf(Objects.requireNonNull(levels, "levels is null"));
        if (levels.isEmpty()) {
            if (Double.isNaN(min) || Double.isNaN(max) || min > max) {
                throw new IllegalArgumentException("a numeric domain needs min <= max, got [" + min + ", " + max + "]");
            }
        } else {
            if (!Double.isNaN(min) || !Double.isNaN(max)) {
                throw new IllegalArgumentException("a categorical domain has no range");
            }
            if (new HashSet<>(levels).size() != levels.size()) {
                throw new IllegalArgumentException("duplicate categories: " + levels);
            }
        }
    }

    /** Numbers in [min, max], never missing. */
    public static ColumnDomain range(double min, double max) {
        return new ColumnDomain(min, max, List.of(), false);
    }

    /** One of {@code levels}, never missing. */
    public static ColumnDomain categories(List<String> levels) {
        if (levels.isEmpty()) {
            throw new IllegalArgumentException("a categorical domain needs at least one category");
        }
        return new ColumnDomain(Double.NaN, Double.NaN, levels, false);
    }

    /** The same domain, where the source may also leave the value out. */
    public ColumnDomain orMissing() {
        return new ColumnDomain(min, max, levels, true);
    }

    public boolean isNumeric() {
        return levels.isEmpty();
    }

    @Override
    public String toString() {
        return (isNumeric() ? "[" + min + ", " + max + "]" : levels.toString()) + (mayBeMissing ? " or missing" : "");
    }
}
