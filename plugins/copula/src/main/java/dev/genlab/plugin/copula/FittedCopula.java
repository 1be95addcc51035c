package dev.genlab.plugin.copula;

import dev.genlab.spi.Column;
import dev.genlab.spi.FittedModel;
import dev.genlab.spi.Schema;
import dev.genlab.spi.Seeds;
import dev.genlab.spi.Table;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A fitted Gaussian copula: per-column marginals plus the correlation of their latent normal scores. A row is a
 * draw z ~ N(0, R) mapped column by column through the marginals.
 */
final class FittedCopula implements FittedModel {
    private final Schema schema;
    private final List<ColumnModel> columns;
    private final double[][] correlation;
    private final double[][] cholesky;
    private final int trainingRows;
    private final double minAcceptanceRate;

    FittedCopula(Schema schema, List<ColumnModel> columns, double[][] correlation, int trainingRows, double minAcceptanceRate) {
        this.schema = Objects.requireNonNull(schema, "schema is null");
        this.columns = List.copyOf(columns);
        this.correlation = Matrices.copy(correlation);
        this.trainingRows = trainingRows;
        this.minAcceptanceRate = minAcceptanceRate;
        if (this.columns.size() != schema.size()) {
            throw new IllegalArgumentException("schema has " + schema.size() + " columns, the model " + this.columns.size());
        }
        int d = correlation.length;
        boolean[] used = new boolean[d];
        for (int c = 0; c < schema.size(); c++) {
            ColumnModel m = this.columns.get(c);
            if (!m.column().equals(schema.column(c))) {
                throw new IllegalArgumentException("column " + c + " of the model is not the schema's " + schema.column(c));
            }
            for (int dim : new int[] {m.valueDimension(), m.missingDimension()}) {
                if (dim >= d || (dim >= 0 && used[dim])) {
                    throw new IllegalArgumentException("column '" + m.column().name() + "' has latent dimension " + dim
                            + " which is out of range or shared");
                }
                if (dim >= 0) {
                    used[dim] = true;
                }
            }
        }
        for (int i = 0; i < d; i++) {
            if (!used[i] || correlation[i].length != d || correlation[i][i] != 1) {
                throw new IllegalArgumentException("latent dimension " + i + " is unused or its correlation row is malformed");
            }
            for (int j = 0; j < d; j++) {
                double r = correlation[i][j];
                if (!(Math.abs(r) <= 1) || r != correlation[j][i]) {
                    throw new IllegalArgumentException("correlation matrix is not symmetric with entries in [-1, 1]");
                }
            }
        }
        this.cholesky = Matrices.cholesky(correlation, 0);
        if (cholesky == null) {
            throw new IllegalArgumentException("correlation matrix is not positive definite");
        }
    }

    Schema schema() {
        return schema;
    }

    List<ColumnModel> columns() {
        return columns;
    }

    /** The correlation of the latent normal scores (value and missing-indicator dimensions). */
    double[][] correlation() {
        return Matrices.copy(correlation);
    }

    int trainingRows() {
        return trainingRows;
    }

    @Override
    public Table sample(int n, long seed) {
        requireRows(n);
        SplittableRandom random = Seeds.random(seed, "copula.sample");
        int d = correlation.length;
        double[] e = new double[d];
        double[] z = new double[d];
        Output out = new Output(n);
        for (int row = 0; row < n; row++) {
            for (int j = 0; j < d; j++) {
                e[j] = Normal.draw(random);
            }
            for (int j = 0; j < d; j++) {
                double s = 0;
                double[] lj = cholesky[j];
                for (int k = 0; k <= j; k++) {
                    s += lj[k] * e[k];
                }
                z[j] = s;
            }
            out.set(row, z);
        }
        return out.table();
    }

    @Override
    public boolean supportsConditions() {
        return true;
    }

    /**
     * Rows where each named categorical column has the given level. Each condition confines one or two latent
     * scores (the column's value and, if it has missing values, its "present" indicator) to an interval. The
     * rarest constraint is drawn exactly from its truncated normal; the others, and the rest of the row, follow
     * from the conditional normal, with rejection when another constraint fails. Rows thus come exactly from the
     * copula given the conditions. A condition that the fitted model makes rarer than {@code min-acceptance-rate}
     * (per draw after the first constraint) is refused rather than looped on.
     */
    @Override
    public Table sample(int n, long seed, Map<String, String> conditions) {
        Objects.requireNonNull(conditions, "conditions is null");
        if (conditions.isEmpty()) {
            return sample(n, seed);
        }
        requireRows(n);
        Map<Integer, Integer> forced = new LinkedHashMap<>();
        List<Constraint> constraints = new ArrayList<>();
        for (Map.Entry<String, String> condition : conditions.entrySet()) {
            int c = columnOf(condition.getKey(), condition.getValue());
            ColumnModel m = columns.get(c);
            int code = m.column().codeOf(condition.getValue());
            forced.put(c, code);
            if (m.valueDimension() >= 0) {
                constraints.add(new Constraint(m.valueDimension(), m.categorical().lower(code), m.categorical().upper(code)));
            }
            if (m.missingDimension() >= 0) {
                CategoricalMarginal present = m.missingness();
                constraints.add(new Constraint(m.missingDimension(), present.lower(ColumnModel.PRESENT), present.upper(ColumnModel.PRESENT)));
            }
        }
        // Rarest first: it is drawn exactly, so rejection only pays for the others.
        constraints.sort(Comparator.comparingDouble(Constraint::probability));
        int d = correlation.length;
        int[] order = new int[d];
        boolean[] placed = new boolean[d];
        int k = 0;
        for (Constraint constraint : constraints) {
            order[k++] = constraint.dimension();
            placed[constraint.dimension()] = true;
        }
        for (int j = 0, next = k; j < d; j++) {
            if (!placed[j]) {
                order[next++] = j;
            }
        }
        double[][] permuted = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                permuted[i][j] = correlation[order[i]][order[j]];
            }
        }
        double[][] l = Matrices.cholesky(permuted, 0);
        if (l == null) {
            throw new IllegalStateException("reordered correlation matrix is not positive definite");
        }

        SplittableRandom random = Seeds.random(seed, "copula.sample-conditional");
        long maxDraws = (long) Math.ceil(n / minAcceptanceRate) + 1000;
        long checkAfter = (long) Math.ceil(100 / minAcceptanceRate);
        double[] e = new double[d];
        double[] zPermuted = new double[d];
        double[] z = new double[d];
        Output out = new Output(n);
        int accepted = 0;
        long draws = 0;
        while (accepted < n) {
            if (draws >= maxDraws || (draws >= checkAfter && accepted < draws * minAcceptanceRate / 2)) {
                throw new IllegalArgumentException("conditions " + conditions + " are too rare under the fitted model: "
                        + accepted + " of " + draws + " draws satisfied them, below min-acceptance-rate " + minAcceptanceRate);
            }
            draws++;
            if (draw(random, l, constraints, k, e, zPermuted)) {
                for (int q = 0; q < d; q++) {
                    z[order[q]] = zPermuted[q];
                }
                out.set(accepted, z);
                // The latent scores already lie in the conditioned levels' intervals; setting the codes guards
                // against rounding at an interval's edge.
                for (Map.Entry<Integer, Integer> f : forced.entrySet()) {
                    out.codes[f.getKey()][accepted] = f.getValue();
                }
                accepted++;
            }
        }
        return out.table();
    }

    /**
     * One draw of the permuted latent vector: the first constraint exactly, the other {@code k - 1} by rejection.
     * Returns false if a constraint was not met.
     */
    private static boolean draw(SplittableRandom random, double[][] l, List<Constraint> constraints, int k, double[] e, double[] z) {
        for (int q = 0; q < l.length; q++) {
            double mean = 0;
            double[] lq = l[q];
            for (int j = 0; j < q; j++) {
                mean += lq[j] * e[j];
            }
            double sd = lq[q];
            if (q == 0 && k > 0) {
                Constraint c = constraints.get(0);
                e[q] = Normal.drawTruncated(random, c.lower() / sd, c.upper() / sd);
                z[q] = sd * e[q];
            } else {
                e[q] = Normal.draw(random);
                z[q] = mean + sd * e[q];
                if (q < k && !constraints.get(q).holds(z[q])) {
                    return false;
                }
            }
        }
        return true;
    }

    private int columnOf(String name, String level) {
        int c = schema.indexOf(name);
        if (c < 0) {
            throw new IllegalArgumentException("cannot condition on '" + name + "': no such column; columns: " + schema.names());
        }
        ColumnModel m = columns.get(c);
        Column column = m.column();
        if (!column.isCategorical()) {
            throw new IllegalArgumentException("cannot condition on numeric column '" + name
                    + "': conditional sampling supports categorical columns only");
        }
        if (level == null) {
            throw new IllegalArgumentException("condition on column '" + name + "' has no level");
        }
        int code = column.codeOf(level);
        if (code < 0) {
            throw new IllegalArgumentException("column '" + name + "' has no level '" + level + "'; levels: " + column.levels());
        }
        if (m.allMissing() || m.categorical().count(code) == 0) {
            throw new IllegalArgumentException("cannot condition on " + name + " = '" + level
                    + "': the level never occurs in the training data, so the model never samples it");
        }
        return c;
    }

    private static void requireRows(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("cannot sample " + n + " rows");
        }
    }

    @Override
    public void save(Path directory) throws IOException {
        ModelFile.write(directory, this);
    }

    /** One latent score confined to [lower, upper]. */
    private record Constraint(int dimension, double lower, double upper) {
        double probability() {
            return Normal.cdf(upper) - Normal.cdf(lower);
        }

        boolean holds(double z) {
            return z >= lower && z <= upper;
        }
    }

    /** The sampled columns, filled row by row from latent scores. */
    private final class Output {
        final double[][] numbers = new double[columns.size()][];
        final int[][] codes = new int[columns.size()][];

        Output(int n) {
            for (int c = 0; c < columns.size(); c++) {
                if (columns.get(c).column().isNumeric()) {
                    numbers[c] = new double[n];
                } else {
                    codes[c] = new int[n];
                }
            }
        }

        void set(int row, double[] z) {
            for (int c = 0; c < columns.size(); c++) {
                ColumnModel m = columns.get(c);
                boolean present = m.present(z);
                if (numbers[c] != null) {
                    numbers[c][row] = present ? m.numericValue(z) : Double.NaN;
                } else {
                    codes[c][row] = present ? m.code(z) : Table.MISSING_CODE;
                }
            }
        }

        Table table() {
            List<Object> arrays = new ArrayList<>(columns.size());
            for (int c = 0; c < columns.size(); c++) {
                arrays.add(numbers[c] != null ? numbers[c] : codes[c]);
            }
            return Table.of(schema, arrays);
        }
    }

    @Override
    public String toString() {
        return "FittedCopula[" + schema.size() + " columns, " + correlation.length + " latent dimensions, trained on "
                + trainingRows + " rows]";
    }
}
