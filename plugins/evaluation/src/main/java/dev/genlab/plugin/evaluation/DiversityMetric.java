package dev.genlab.plugin.evaluation;

import dev.genlab.spi.EvaluationInput;
import dev.genlab.spi.Metric;
import dev.genlab.spi.MetricResult;
import dev.genlab.spi.PluginContext;
import dev.genlab.spi.Table;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sample-level fidelity and diversity of synthetic rows against the real training rows, in the module's encoded
 * space (see {@link FeatureEncoder}).
 *
 * <ul>
 *   <li>Precision, recall, density, coverage as in Naeem et al. 2020 and their reference implementation
 *       (clovaai/generative-evaluation-prdc): a sample's k-NN radius is the distance to its k-th neighbour within
 *       its own set (itself excluded), and "inside" means strictly closer than the radius.</li>
 *   <li>α-precision, β-recall and authenticity as in Alaa et al. 2022, computed like synthcity's
 *       {@code AlphaPrecision} on the raw features (no one-class embedding): 30 levels α in [0, 1], balls around the
 *       real mean, scores 1 − 2·(area between the curve and the diagonal). Authenticity follows the paper: a synthetic
 *       row is authentic when it is farther from its nearest real row than that row is from its own nearest real
 *       neighbour.</li>
 * </ul>
 */
public final class DiversityMetric implements Metric {
    private static final int ALPHA_STEPS = 30;

    private final DiversityConfig config;

    @Inject
    public DiversityMetric(DiversityConfig config) {
        this.config = config;
    }

    @Override
    public MetricResult evaluate(EvaluationInput input, PluginContext context) {
        Table train = input.train().asTable();
        Table synthetic = input.synthetic().asTable();
        Report report = new Report("diversity");
        int k = config.nearestK();
        FeatureEncoder encoder = FeatureEncoder.fit(train, List.of());
        EncodedRows real = encoder.encode(Sampling.atMost(train, config.maxRows(), context.random("diversity.real")));
        EncodedRows fake = encoder.encode(Sampling.atMost(synthetic, config.maxRows(), context.random("diversity.synthetic")));
        Map<String, Double> values = new LinkedHashMap<>();
        if (real.rows() <= k || fake.rows() <= k) {
            report.note("precision/recall/density/coverage need more than nearest-k = " + k + " real and synthetic rows; got "
                    + real.rows() + " and " + fake.rows());
            for (String key : List.of("coverage", "density", "precision", "recall", "alpha_precision", "beta_recall", "authenticity")) {
                values.put(key, Double.NaN);
            }
            values.put("real_rows", (double) real.rows());
            values.put("synthetic_rows", (double) fake.rows());
            report.writeNotes(context);
            return new MetricResult(values, "coverage");
        }

        NearestNeighbours.Neighbours realToReal = NearestNeighbours.nearest(real, real, k + 1);
        NearestNeighbours.Neighbours fakeToFake = NearestNeighbours.nearest(fake, fake, k + 1);
        double[] realRadius = new double[real.rows()];
        for (int i = 0; i < realRadius.length; i++) {
            realRadius[i] = realToReal.squaredDistance(i, k);
        }
        double[] fakeRadius = new double[fake.rows()];
        for (int j = 0; j < fakeRadius.length; j++) {
            fakeRadius[j] = fakeToFake.squaredDistance(j, k);
        }
        NearestNeighbours.Scan fakeScan = NearestNeighbours.scan(fake, real, realRadius);
        NearestNeighbours.Scan realScan = NearestNeighbours.scan(real, fake, fakeRadius);

        double precision = 0;
        double density = 0;
        for (int j = 0; j < fake.rows(); j++) {
            precision += fakeScan.within()[j] > 0 ? 1 : 0;
            density += fakeScan.within()[j];
        }
        double recall = 0;
        double coverage = 0;
        for (int i = 0; i < real.rows(); i++) {
            recall += realScan.within()[i] > 0 ? 1 : 0;
            coverage += realScan.nearest().squaredDistance(i, 0) < realRadius[i] ? 1 : 0;
        }
        values.put("coverage", coverage / real.rows());
        values.put("density", density / k / fake.rows());
        values.put("precision", precision / fake.rows());
        values.put("recall", recall / real.rows());

        // α-precision / β-recall (synthcity's naive AlphaPrecision)
        double[] realCenter = real.center(encoder.slots());
        double[] radii = quantiles(real.distancesTo(realCenter));
        double[] fakeToCenter = fake.distancesTo(realCenter);
        double[] fakeToFakeCenter = fake.distancesTo(fake.center(encoder.slots()));
        double[] closestFakeToItsCenter = new double[real.rows()];
        boolean[] realCovered = new boolean[real.rows()];
        for (int i = 0; i < real.rows(); i++) {
            closestFakeToItsCenter[i] = fakeToFakeCenter[realScan.nearest().index(i, 0)];
            realCovered[i] = realScan.nearest().distance(i, 0) <= realToReal.distance(i, 1);
        }
        double[] fakeRadii = quantiles(closestFakeToItsCenter);
        double[] alphas = alphas();
        double[] alphaCurve = new double[ALPHA_STEPS];
        double[] betaCurve = new double[ALPHA_STEPS];
        for (int a = 0; a < ALPHA_STEPS; a++) {
            int inside = 0;
            for (double d : fakeToCenter) {
                inside += d <= radii[a] ? 1 : 0;
            }
            alphaCurve[a] = (double) inside / fake.rows();
            int covered = 0;
            for (int i = 0; i < real.rows(); i++) {
                covered += realCovered[i] && closestFakeToItsCenter[i] <= fakeRadii[a] ? 1 : 0;
            }
            betaCurve[a] = (double) covered / real.rows();
        }
        int authentic = 0;
        for (int j = 0; j < fake.rows(); j++) {
            int nearestReal = fakeScan.nearest().index(j, 0);
            authentic += realToReal.distance(nearestReal, 1) < fakeScan.nearest().distance(j, 0) ? 1 : 0;
        }
        values.put("alpha_precision", areaScore(alphas, alphaCurve));
        values.put("beta_recall", areaScore(alphas, betaCurve));
        values.put("authenticity", (double) authentic / fake.rows());
        values.put("real_rows", (double) real.rows());
        values.put("synthetic_rows", (double) fake.rows());

        List<List<Object>> rows = new ArrayList<>();
        for (int a = 0; a < ALPHA_STEPS; a++) {
            rows.add(List.of(alphas[a], alphaCurve[a], betaCurve[a]));
        }
        report.write(context, "alpha-curves.csv", Report.csv(List.of("alpha", "alpha_precision", "beta_recall"), rows));
        report.writeNotes(context);
        return new MetricResult(values, "coverage");
    }

    private static double[] alphas() {
        double[] a = new double[ALPHA_STEPS];
        for (int i = 0; i < ALPHA_STEPS; i++) {
            a[i] = (double) i / (ALPHA_STEPS - 1);
        }
        return a;
    }

    private static double[] quantiles(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        double[] a = alphas();
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = Scores.quantileOfSorted(sorted, a[i]);
        }
        return out;
    }

    /** 1 − 2·Σ|α − curve(α)|·Δα, the synthcity/Alaa summary of a curve against the ideal diagonal. */
    private static double areaScore(double[] alphas, double[] curve) {
        double s = 0;
        for (int i = 0; i < alphas.length; i++) {
            s += Math.abs(alphas[i] - curve[i]);
        }
        return 1 - 2 * s * (alphas[1] - alphas[0]);
    }
}
