package dev.genlab.plugin.fidelity;

import dev.genlab.plugin.fidelity.FidelityConfig.Correlation;
import dev.genlab.spi.Table;
import java.util.stream.IntStream;

/**
 * The configured correlation coefficient between numeric columns of one table, over pairwise-complete rows. For
 * Spearman a column without missing values is ranked once, not once per pair; a column with missing values is
 * ranked within each pair's complete rows, as pandas and SDMetrics ({@code dropna} on the pair) do.
 */
final class Correlations {
    private final Correlation coefficient;
    private final double[][] columns;
    private final double[][] ranks;

    Correlations(Table table, Correlation coefficient) {
        this.coefficient = coefficient;
        int d = table.columnCount();
        this.columns = new double[d][];
        this.ranks = new double[d][];
        IntStream.range(0, d).parallel().filter(c -> table.schema().column(c).isNumeric()).forEach(c -> {
            columns[c] = table.numericColumn(c);
            if (coefficient == Correlation.SPEARMAN && hasNoMissing(columns[c])) {
                ranks[c] = Statistics.averageRanks(columns[c]);
            }
        });
    }

    /** The values of numeric column {@code c} (NaN for missing). */
    double[] column(int c) {
        return columns[c];
    }

    /** The coefficient between numeric columns {@code a} and {@code b}; NaN where undefined. */
    double between(int a, int b) {
        if (coefficient == Correlation.PEARSON) {
            return Statistics.pearson(columns[a], columns[b]);
        }
        if (ranks[a] != null && ranks[b] != null) {
            return Statistics.pearsonOfComplete(ranks[a], ranks[b]);
        }
        return Statistics.spearman(columns[a], columns[b]);
    }

    private static boolean hasNoMissing(double[] values) {
        for (double v : values) {
            if (Double.isNaN(v)) {
                return false;
            }
        }
        return true;
    }
}
