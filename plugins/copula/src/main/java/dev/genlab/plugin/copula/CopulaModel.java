package dev.genlab.plugin.copula;

import dev.genlab.spi.Column;
import dev.genlab.spi.Data;
import dev.genlab.spi.FittedModel;
import dev.genlab.spi.GenerativeModel;
import dev.genlab.spi.Progress;
import dev.genlab.spi.Schema;
import dev.genlab.spi.Table;
import dev.genlab.spi.TrainingContext;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.IntPredicate;

/**
 * A Gaussian copula (the idea of SDV's GaussianCopula): each column is mapped to normal scores through its own
 * marginal distribution, the dependence between columns is the correlation matrix of a latent normal vector
 * (estimated so that discrete columns do not dilute it, see {@link LatentCorrelation}), and sampling runs the
 * other way. Missing values are a latent indicator per column, correlated with the rest. Fitting is one sort per
 * numeric column and one pass per pair of latent dimensions, O(n log n) per column plus O(n d²), and uses no
 * randomness.
 */
public final class CopulaModel implements GenerativeModel {
    private final CopulaConfig config;

    @Inject
    public CopulaModel(CopulaConfig config) {
        this.config = Objects.requireNonNull(config, "config is null");
    }

    @Override
    public FittedModel fit(Data train, TrainingContext context) {
        Table table = train.asTable();
        int n = table.rowCount();
        if (n == 0) {
            throw new IllegalArgumentException("cannot fit a Gaussian copula to a table without rows");
        }
        Schema schema = table.schema();
        List<ColumnModel> models = new ArrayList<>(schema.size());
        List<LatentCorrelation.Dimension> dimensions = new ArrayList<>();
        List<Integer> missingDimensions = new ArrayList<>();
        double[][] raw;
        double[][] correlation;
        try (Progress progress = context.progress("copula", schema.size() + 1L, "column")) {
            for (int c = 0; c < schema.size(); c++) {
                context.checkCancelled();
                ColumnModel model = schema.column(c).isNumeric()
                        ? fitNumeric(table, c, dimensions)
                        : fitCategorical(table, c, dimensions);
                if (model.missingDimension() >= 0) {
                    missingDimensions.add(model.missingDimension());
                }
                models.add(model);
                progress.advance(1);
            }
            progress.status("correlation of " + dimensions.size() + " latent dimensions");
            raw = LatentCorrelation.estimate(dimensions.toArray(new LatentCorrelation.Dimension[0]));
            if (!config.correlatedMissingness()) {
                for (int m : missingDimensions) {
                    for (int j = 0; j < raw.length; j++) {
                        if (j != m) {
                            raw[m][j] = 0;
                            raw[j][m] = 0;
                        }
                    }
                }
            }
            correlation = positiveDefinite(raw);
            progress.advance(1);
        }
        FittedCopula fitted = new FittedCopula(schema, models, correlation, n, config.minAcceptanceRate());
        context.logMetric("copula.total-correlation", totalCorrelation(correlation), 0);
        context.logMetric("copula.correlation-adjustment", Matrices.distance(raw, correlation), 0);
        context.logMetric("copula.latent-dimensions", correlation.length, 0);
        return fitted;
    }

    private ColumnModel fitNumeric(Table table, int c, List<LatentCorrelation.Dimension> dimensions) {
        Column column = table.schema().column(c);
        double[] x = table.numericColumn(c);
        int n = x.length;
        double[] observed = new double[n];
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (Double.isInfinite(x[i])) {
                throw new IllegalArgumentException("column '" + column.name() + "' has an infinite value in row " + (i + 1)
                        + "; a copula can only model finite numbers");
            }
            if (!Double.isNaN(x[i])) {
                observed[m++] = x[i];
            }
        }
        CategoricalMarginal missingness = new CategoricalMarginal(new long[] {m, n - m});
        NumericColumnMarginal marginal = null;
        int valueDimension = -1;
        if (m > 0) {
            observed = Arrays.copyOf(observed, m);
            marginal = config.numericMarginal() == NumericMarginal.EMPIRICAL
                    ? EmpiricalMarginal.fit(observed, column.integral())
                    : GaussianMarginal.fit(observed, column.integral(), config.clipToRange());
            if (!marginal.isConstant()) {
                double[] z = new double[n];
                for (int i = 0; i < n; i++) {
                    z[i] = Double.isNaN(x[i]) ? Double.NaN : marginal.score(x[i]);
                }
                valueDimension = add(dimensions, z, marginal instanceof EmpiricalMarginal e ? e.intervals() : null);
            }
        }
        int missingDimension = missingScores(missingness, i -> Double.isNaN(x[i]), n, dimensions);
        link(dimensions, valueDimension, missingDimension);
        return new ColumnModel(column, missingness, marginal, null, valueDimension, missingDimension);
    }

    private ColumnModel fitCategorical(Table table, int c, List<LatentCorrelation.Dimension> dimensions) {
        Column column = table.schema().column(c);
        int[] codes = table.codes(c);
        int n = codes.length;
        int missing = 0;
        for (int code : codes) {
            if (code == Table.MISSING_CODE) {
                missing++;
            }
        }
        CategoricalMarginal missingness = new CategoricalMarginal(new long[] {n - missing, missing});
        CategoricalMarginal marginal = null;
        int valueDimension = -1;
        if (missing < n) {
            marginal = CategoricalMarginal.fit(codes, column.levels().size());
            if (!marginal.isConstant()) {
                double[] z = new double[n];
                for (int i = 0; i < n; i++) {
                    z[i] = codes[i] == Table.MISSING_CODE ? Double.NaN : marginal.score(codes[i]);
                }
                valueDimension = add(dimensions, z, marginal.intervals());
            }
        }
        int missingDimension = missingScores(missingness, i -> codes[i] == Table.MISSING_CODE, n, dimensions);
        link(dimensions, valueDimension, missingDimension);
        return new ColumnModel(column, missingness, null, marginal, valueDimension, missingDimension);
    }

    private int missingScores(CategoricalMarginal missingness, IntPredicate isMissing, int n,
                              List<LatentCorrelation.Dimension> dimensions) {
        if (missingness.isConstant()) {
            return -1;
        }
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            z[i] = missingness.score(isMissing.test(i) ? ColumnModel.MISSING : ColumnModel.PRESENT);
        }
        // With independent missingness the model never selects on indicators, so there is no selection to undo.
        double shrink = config.correlatedMissingness()
                ? LatentCorrelation.truncationShrink(missingness.lower(ColumnModel.PRESENT), missingness.upper(ColumnModel.PRESENT))
                : 0;
        dimensions.add(new LatentCorrelation.Dimension(z, missingness.intervals(), -1, shrink));
        return dimensions.size() - 1;
    }

    /** Records that the value dimension's missing entries are those of the indicator. */
    private static void link(List<LatentCorrelation.Dimension> dimensions, int valueDimension, int missingDimension) {
        if (valueDimension >= 0 && missingDimension >= 0) {
            LatentCorrelation.Dimension value = dimensions.get(valueDimension);
            dimensions.set(valueDimension, new LatentCorrelation.Dimension(value.scores(), value.intervals(), missingDimension, 0));
        }
    }

    private static int add(List<LatentCorrelation.Dimension> dimensions, double[] scores, Intervals intervals) {
        dimensions.add(new LatentCorrelation.Dimension(scores, intervals));
        return dimensions.size() - 1;
    }

    /**
     * {@code raw} if it is comfortably positive definite, else the nearest-by-eigenvalues correlation matrix
     * that is: pairwise estimates, small samples and exact dependencies (two rows, duplicated columns) all give
     * singular or indefinite matrices.
     */
    private double[][] positiveDefinite(double[][] raw) {
        if (Matrices.cholesky(raw, config.minEigenvalue()) != null) {
            return raw;
        }
        double[][] r = Matrices.clipEigenvalues(raw, config.minEigenvalue());
        // Rescaling to a unit diagonal keeps eigenvalues positive in exact arithmetic; shrink towards the
        // identity in the rare case rounding says otherwise.
        for (double shrink = config.minEigenvalue(); Matrices.cholesky(r, 0) == null; shrink *= 2) {
            if (shrink > 1) {
                return Matrices.identity(raw.length);
            }
            for (int i = 0; i < r.length; i++) {
                for (int j = 0; j < r.length; j++) {
                    if (i != j) {
                        r[i][j] /= 1 + shrink;
                    }
                }
            }
        }
        return r;
    }

    /**
     * -½ log det R: the mutual information (nats) among the latent normal scores, 0 for independent columns. It
     * is also the mean log-density of the fitted copula at its own samples, so it says how much dependence the
     * model carries beyond the marginals.
     */
    private static double totalCorrelation(double[][] correlation) {
        double[][] l = Matrices.cholesky(correlation, 0);
        double sum = 0;
        for (int j = 0; j < l.length; j++) {
            sum -= Math.log(l[j][j]);
        }
        return sum;
    }

    @Override
    public FittedModel load(Path directory) throws IOException {
        return ModelFile.read(directory, config.minAcceptanceRate());
    }

    @Override
    public String toString() {
        return "CopulaModel[" + config + "]";
    }
}
