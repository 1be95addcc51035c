package dev.genlab.plugin.fidelity;

/**
 * Cuts a numeric column into equal-width bins over the real column's range, the way SDMetrics'
 * {@code discretize_column} does: edges from {@code numpy.histogram_bin_edges(real.dropna(), bins)} with the outer
 * two replaced by −∞ and +∞, then {@code numpy.digitize}. So:
 *
 * <ul>
 *   <li>bin {@code k} (0-based) holds {@code edge_k <= x < edge_(k+1)}, with {@code edge_i = i·((max − min)/bins) + min}
 *       computed as numpy's {@code linspace} does, so values on an edge land in the same bin as in numpy;</li>
 *   <li>the real maximum and synthetic values above it fall in the top bin, values below the real minimum in the
 *       bottom bin (clipped, not dropped);</li>
 *   <li>a constant real column gets the range [value − ½, value + ½], an all-missing one [0, 1] (numpy's rules);</li>
 *   <li>a missing value is bin {@code bins}, one more category.</li>
 * </ul>
 */
final class EqualWidthBins {
    private final double[] innerEdges;

    private EqualWidthBins(double[] innerEdges) {
        this.innerEdges = innerEdges;
    }

    /** Bins over the range of the present values of {@code real}. */
    static EqualWidthBins over(double[] real, int bins) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : real) {
            if (!Double.isNaN(v)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        if (lo > hi) {
            lo = 0;
            hi = 1;
        } else if (lo == hi) {
            lo -= 0.5;
            hi += 0.5;
        }
        double step = (hi - lo) / bins;
        double[] inner = new double[bins - 1];
        for (int i = 1; i < bins; i++) {
            inner[i - 1] = i * step + lo;
        }
        return new EqualWidthBins(inner);
    }

    /** Number of categories: the bins plus one for missing. */
    int cardinality() {
        return innerEdges.length + 2;
    }

    /** The bin of each value; NaN is {@code cardinality() - 1}. */
    int[] assign(double[] values) {
        int[] out = new int[values.length];
        for (int r = 0; r < values.length; r++) {
            double v = values[r];
            out[r] = Double.isNaN(v) ? innerEdges.length + 1 : Statistics.countAtMost(innerEdges, v);
        }
        return out;
    }
}
