package dev.genlab.dp;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * A table of log-values over some columns (a potential, a message, or a log-marginal): {@code vars} in increasing
 * order, {@code sizes} their number of values, {@code log} the cells row-major (the last column fastest), so that a
 * pair (a, b), a &lt; b, has cell a·|b| + b as {@link Mst#counts(int[], int, int[], int)} does.
 *
 * <p>Products and quotients of potentials are sums and differences of log-values; summing a column out is a
 * log-sum-exp, taken against the largest value of each output cell so that nothing underflows.
 */
final class Factor {
    final int[] vars;
    final int[] sizes;
    final double[] log;

    Factor(int[] vars, int[] sizes, double[] log) {
        if (vars.length != sizes.length || log.length != cells(sizes)) {
            throw new IllegalArgumentException("a factor over " + Arrays.toString(vars) + " with sizes " + Arrays.toString(sizes) + " has "
                    + cells(sizes) + " cells, got " + log.length);
        }
        for (int i = 1; i < vars.length; i++) {
            if (vars[i - 1] >= vars[i]) {
                throw new IllegalArgumentException("factor columns must increase, got " + Arrays.toString(vars));
            }
        }
        this.vars = vars;
        this.sizes = sizes;
        this.log = log;
    }

    /** The factor of log-value 0 (potential 1) over {@code vars} (increasing), sizes from the whole domain. */
    static Factor zeros(int[] vars, int[] domain) {
        int[] sizes = new int[vars.length];
        for (int i = 0; i < vars.length; i++) {
            sizes[i] = domain[vars[i]];
        }
        return new Factor(vars.clone(), sizes, new double[cells(sizes)]);
    }

    static int cells(int[] sizes) {
        long n = 1;
        for (int s : sizes) {
            n *= s;
        }
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a table of " + n + " cells is too large");
        }
        return (int) n;
    }

    Factor copy() {
        return new Factor(vars, sizes, log.clone());
    }

    /** For each of this factor's columns, the stride of that column in {@code other}'s cells, 0 where it has none. */
    int[] stridesOf(Factor other) {
        return stridesOf(other.vars, other.sizes);
    }

    int[] stridesOf(int[] otherVars, int[] otherSizes) {
        int[] own = new int[otherVars.length];
        int s = 1;
        for (int i = otherVars.length - 1; i >= 0; i--) {
            own[i] = s;
            s *= otherSizes[i];
        }
        int[] strides = new int[vars.length];
        for (int i = 0; i < vars.length; i++) {
            int k = Arrays.binarySearch(otherVars, vars[i]);
            strides[i] = k >= 0 ? own[k] : 0;
        }
        return strides;
    }

    /** Adds {@code sign} × {@code small} (whose columns are among this factor's) to every matching cell, in place. */
    void addInPlace(Factor small, double sign) {
        int[] strides = stridesOf(small);
        int n = vars.length;
        int[] counter = new int[n];
        int j = 0;
        for (int cell = 0; cell < log.length; cell++) {
            log[cell] += sign * small.log[j];
            for (int k = n - 1; k >= 0; k--) {
                j += strides[k];
                if (++counter[k] < sizes[k]) {
                    break;
                }
                j -= strides[k] * sizes[k];
                counter[k] = 0;
            }
        }
    }

    /** The log-product of two factors, over the union of their columns. */
    Factor times(Factor other) {
        int[] union = union(vars, other.vars);
        int[] sizes = new int[union.length];
        for (int i = 0; i < union.length; i++) {
            int k = Arrays.binarySearch(vars, union[i]);
            sizes[i] = k >= 0 ? this.sizes[k] : other.sizes[Arrays.binarySearch(other.vars, union[i])];
        }
        Factor out = new Factor(union, sizes, new double[cells(sizes)]);
        out.addInPlace(this, 1);
        out.addInPlace(other, 1);
        return out;
    }

    /**
     * log Σ exp over the columns not in {@code keep} (which must be among this factor's, increasing). One exp per cell
     * against the factor's largest value; an output cell whose every input underflowed is redone against its own
     * largest value.
     */
    Factor sumTo(int[] keep) {
        int[] keepSizes = sizesOf(keep);
        double max = Double.NEGATIVE_INFINITY;
        for (double v : log) {
            max = Math.max(max, v);
        }
        double[] sum = new double[cells(keepSizes)];
        if (max == Double.NEGATIVE_INFINITY) {
            Arrays.fill(sum, max);
            return new Factor(keep.clone(), keepSizes, sum);
        }
        int[] strides = stridesOf(keep, keepSizes);
        int[] counter = new int[vars.length];
        int j = 0;
        for (int cell = 0; cell < log.length; cell++) {
            sum[j] += Math.exp(log[cell] - max);
            j = step(counter, strides, j);
        }
        boolean underflow = false;
        for (int i = 0; i < sum.length; i++) {
            underflow |= sum[i] == 0;
            sum[i] = max + Math.log(sum[i]);
        }
        return new Factor(keep.clone(), keepSizes, underflow ? exactSumTo(keep, keepSizes, strides) : sum);
    }

    /** Sums {@code values} (linear, laid out as this factor's cells) over the columns not in {@code keep}. */
    double[] sumLinear(double[] values, int[] keep) {
        int[] keepSizes = sizesOf(keep);
        double[] sum = new double[cells(keepSizes)];
        int[] strides = stridesOf(keep, keepSizes);
        int[] counter = new int[vars.length];
        int j = 0;
        for (int cell = 0; cell < values.length; cell++) {
            sum[j] += values[cell];
            j = step(counter, strides, j);
        }
        return sum;
    }

    private int[] sizesOf(int[] keep) {
        int[] keepSizes = new int[keep.length];
        for (int i = 0; i < keep.length; i++) {
            int k = Arrays.binarySearch(vars, keep[i]);
            if (k < 0) {
                throw new IllegalArgumentException("column " + keep[i] + " is not in the factor over " + Arrays.toString(vars));
            }
            keepSizes[i] = sizes[k];
        }
        return keepSizes;
    }

    /** log Σ exp to {@code keep}, each output cell against its own largest input. */
    private double[] exactSumTo(int[] keep, int[] keepSizes, int[] strides) {
        double[] max = new double[cells(keepSizes)];
        Arrays.fill(max, Double.NEGATIVE_INFINITY);
        int[] counter = new int[vars.length];
        int j = 0;
        for (int cell = 0; cell < log.length; cell++) {
            if (log[cell] > max[j]) {
                max[j] = log[cell];
            }
            j = step(counter, strides, j);
        }
        double[] sum = new double[max.length];
        Arrays.fill(counter, 0);
        j = 0;
        for (int cell = 0; cell < log.length; cell++) {
            if (max[j] != Double.NEGATIVE_INFINITY) {
                sum[j] += Math.exp(log[cell] - max[j]);
            }
            j = step(counter, strides, j);
        }
        for (int i = 0; i < sum.length; i++) {
            sum[i] = max[i] == Double.NEGATIVE_INFINITY ? max[i] : max[i] + Math.log(sum[i]);
        }
        return sum;
    }

    private int step(int[] counter, int[] strides, int j) {
        for (int k = vars.length - 1; k >= 0; k--) {
            j += strides[k];
            if (++counter[k] < sizes[k]) {
                return j;
            }
            j -= strides[k] * sizes[k];
            counter[k] = 0;
        }
        return j;
    }

    /** Subtracts log Σ exp of every cell, in place, and returns the cells' probabilities (one exp per cell). */
    double[] normalise() {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : log) {
            max = Math.max(max, v);
        }
        double[] p = new double[log.length];
        double s = 0;
        for (int i = 0; i < p.length; i++) {
            p[i] = Math.exp(log[i] - max);
            s += p[i];
        }
        double z = max + Math.log(s);
        for (int i = 0; i < p.length; i++) {
            p[i] /= s;
            log[i] -= z;
        }
        return p;
    }

    /** The columns of a and of b, increasing, each once. */
    static int[] union(int[] a, int[] b) {
        return IntStream.concat(Arrays.stream(a), Arrays.stream(b)).distinct().sorted().toArray();
    }
}
