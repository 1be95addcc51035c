package dev.genlab.plugin.djl.tabular;

import dev.genlab.plugin.djl.Parallel;
import dev.genlab.spi.Column;
import dev.genlab.spi.ColumnDomain;
import dev.genlab.spi.PublicDomain;
import dev.genlab.spi.PluginConfigException;
import dev.genlab.spi.Schema;
import dev.genlab.spi.SchemaCodec;
import dev.genlab.spi.Table;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Turns a {@link Table} into the float matrix a network trains on, and a network's output back into a table.
 * Categorical columns become one-hot blocks; numeric columns are scaled (min-max or standard) or encoded with
 * CTGAN's mode-specific normalisation ({@link NumericEncoding}). Missing values are explicit: a categorical
 * column with missing values gets a "missing" slot, a numeric one a (present, missing) block, and its value
 * block carries the median. Constant and all-missing columns take no space and come back as they were.
 * Sampled numeric values stay within the training range, and integral columns are rounded.
 *
 * <p>{@link #fromDomain} builds the encoding from a dataset's public domain instead, reading no row: one-hot over the
 * domain's categories, numeric columns as fixed equal-width bins over the domain's range (one-hot) plus the offset
 * inside the bin (tanh), missing slots where the domain allows them (differentially private models).
 */
public final class TabularTransformer {
    private static final int MAGIC_V2 = 0x474c5432; // "GLT2": the schema as genlab-spi's SchemaCodec writes it
    private static final int MAGIC = 0x474c5433; // "GLT3": GLT2 and whether the encoding came from a public domain
    private static final double STD_MULTIPLIER = 4;
    private static final int MIXTURE_ITERATIONS = 100;
    /** Beyond this many rows the per-column mixture is fitted on an evenly spaced subset of the sorted values. */
    private static final int MIXTURE_MAX_ROWS = 50_000;

    /**
     * @param numericEncoding     how numeric columns are encoded
     * @param maxModes            components of each column's mixture (mode-specific encoding)
     * @param modeWeightThreshold mixture components lighter than this are dropped
     * @param maxCategories       a categorical column with more distinct values than this is refused
     */
    public record Options(NumericEncoding numericEncoding, int maxModes, double modeWeightThreshold, int maxCategories) {
        public Options {
            Objects.requireNonNull(numericEncoding, "numericEncoding is null");
            if (maxModes < 1) {
                throw new IllegalArgumentException("maxModes must be at least 1, was " + maxModes);
            }
            if (maxCategories < 2) {
                throw new IllegalArgumentException("maxCategories must be at least 2, was " + maxCategories);
            }
        }

        /** CTGAN's settings: 10 modes, weight threshold 0.005. */
        public static Options modeSpecific(int maxCategories) {
            return new Options(NumericEncoding.MODE_SPECIFIC, 10, 0.005, maxCategories);
        }
    }

    /** How a numeric value is coded; new kinds go last (the ordinal is saved). */
    private enum ValueKind { NONE, MINMAX, STANDARD, MODES, BINS }

    /** Everything learned about one column. */
    private static final class Plan {
        int column;
        boolean categorical;
        // numeric
        ValueKind valueKind = ValueKind.NONE;
        double constant = Double.NaN;
        double min;
        double max;
        double center;
        double scale = 1;
        double fill;
        double[] modeWeights = new double[0];
        double[] modeMeans = new double[0];
        double[] modeStds = new double[0];
        boolean missingIndicator;
        // categorical: the code of each one-hot slot (MISSING_CODE for the missing slot); empty if constant
        int[] slotCodes = new int[0];
        int constantCode = Table.MISSING_CODE;
        final List<Span> spans = new ArrayList<>();
    }

    private final Schema schema;
    private final Options options;
    /** Built from a public domain: values outside it are clipped into it instead of refused. */
    private final boolean fromDomain;
    private final List<Plan> plans;
    private final List<Span> spans;
    private final int width;

    private TabularTransformer(Schema schema, Options options, boolean fromDomain, List<Plan> plans) {
        this.schema = schema;
        this.options = options;
        this.fromDomain = fromDomain;
        this.plans = plans;
        List<Span> all = new ArrayList<>();
        for (Plan p : plans) {
            all.addAll(p.spans);
        }
        this.spans = List.copyOf(all);
        this.width = all.isEmpty() ? 0 : all.get(all.size() - 1).end();
    }

    /** Learns the encoding of every column of {@code table}; uses no randomness. */
    public static TabularTransformer fit(Table table, Options options) {
        return fit(table, options, 1);
    }

    /**
     * {@link #fit(Table, Options)} with the columns fitted on up to {@code threads} threads (the caller and
     * {@code threads - 1} more; the numeric columns' mixtures are most of the time). Each column is fitted on its own
     * and the encoded layout is then laid out in column order, so the result does not depend on the thread count.
     */
    public static TabularTransformer fit(Table table, Options options, int threads) {
        Schema schema = table.schema();
        Plan[] fitted = new Plan[schema.size()];
        Parallel.forEachIndex(fitted.length, threads, "genlab-encoding", c -> {
            int[] local = {0};
            fitted[c] = schema.column(c).isNumeric() ? fitNumeric(table, c, options, local) : fitCategorical(table, c, options, local);
        });
        List<Plan> plans = new ArrayList<>();
        int offset = 0;
        for (Plan plan : fitted) {
            // each column was laid out from 0: move its spans to where the columns before it end
            List<Span> local = List.copyOf(plan.spans);
            plan.spans.clear();
            for (Span span : local) {
                plan.spans.add(new Span(span.column(), span.start() + offset, span.width(), span.activation(), span.role()));
            }
            offset += local.stream().mapToInt(Span::width).sum();
            plans.add(plan);
        }
        return new TabularTransformer(schema, options, false, plans);
    }

    /**
     * The encoding of tables with {@code schema} built from {@code domain} alone — no row is read, so it is the same
     * whatever the private data are. A categorical column is one-hot over the domain's categories (in the domain's
     * order; a category the schema lacks is added to the decoded schema, as {@code mst}'s codec does), plus a
     * "missing" slot where the domain allows it. A numeric column is {@code bins} equal-width bins over the domain's
     * [min, max], one-hot, and the position inside the bin scaled to [-1, 1] (tanh): mode-specific normalisation
     * with fixed public modes, so the network sees the same kind of row as with mixtures fitted on the data. A numeric
     * column that may be missing gets a (present, missing) block. Encoding clips a value outside the domain into it,
     * a category outside it becomes the domain's first category, and a missing value where the domain allows none
     * becomes the domain's minimum (first category) — what differential privacy requires of rows that break the
     * declared bounds. Decoding clips to the domain and rounds integral columns.
     *
     * @param bins bins per numeric column, at least 1
     * @throws IllegalArgumentException      a column without a domain or of the other kind
     * @throws PluginConfigException        {@code max-categories}: a domain with more categories than allowed
     */
    public static TabularTransformer fromDomain(Schema schema, PublicDomain domain, int bins, Options options) {
        if (bins < 1) {
            throw new IllegalArgumentException("bins must be at least 1, got " + bins);
        }
        List<Plan> plans = new ArrayList<>();
        List<Column> columns = new ArrayList<>();
        int[] offset = {0};
        for (int c = 0; c < schema.size(); c++) {
            Column column = schema.column(c);
            ColumnDomain d = domain.columns().get(column.name());
            if (d == null) {
                throw new IllegalArgumentException("column '" + column.name() + "' has no public domain; declared: " + domain.columns().keySet());
            }
            if (d.isNumeric() != column.isNumeric()) {
                throw new IllegalArgumentException("column '" + column.name() + "' is " + column.type() + " but its public domain is " + d);
            }
            Plan plan = new Plan();
            plan.column = c;
            if (column.isCategorical()) {
                List<String> levels = new ArrayList<>(column.levels());
                for (String level : d.levels()) {
                    if (!levels.contains(level)) {
                        levels.add(level);
                    }
                }
                column = Column.categorical(column.name(), levels);
                domainCategorical(plan, column, d, options, offset);
            } else {
                domainNumeric(plan, d, column.integral(), bins, offset);
            }
            plans.add(plan);
            columns.add(column);
        }
        return new TabularTransformer(schema.withColumns(columns), options, true, plans);
    }

    private static void domainCategorical(Plan plan, Column column, ColumnDomain d, Options options, int[] offset) {
        plan.categorical = true;
        if (d.levels().size() > options.maxCategories()) {
            throw new PluginConfigException("max-categories", "column '" + column.name() + "' has " + d.levels().size()
                    + " categories in its public domain, more than max-categories = " + options.maxCategories()
                    + "; a one-hot block that wide would dominate the network. Raise max-categories, or bucket or drop the column");
        }
        int slots = d.levels().size() + (d.mayBeMissing() ? 1 : 0);
        plan.slotCodes = new int[slots];
        for (int s = 0; s < d.levels().size(); s++) {
            plan.slotCodes[s] = column.codeOf(d.levels().get(s));
        }
        if (d.mayBeMissing()) {
            plan.slotCodes[slots - 1] = Table.MISSING_CODE;
        }
        if (slots == 1) {
            plan.constantCode = plan.slotCodes[0];
            plan.slotCodes = new int[0];
            return;
        }
        span(plan, offset, slots, Span.Activation.SOFTMAX, Span.Role.CATEGORY);
    }

    /**
     * {@code bins} equal-width bins over the domain's range, or one bin per whole number (centred on it) for an
     * integral column whose range holds at most {@code bins} of them, as {@code mst}'s codec does.
     */
    private static void domainNumeric(Plan plan, ColumnDomain d, boolean integral, int bins, int[] offset) {
        plan.min = d.min();
        plan.max = d.max();
        plan.fill = d.min();
        plan.missingIndicator = d.mayBeMissing();
        if (d.min() == d.max()) {
            plan.constant = d.min();
        } else {
            plan.valueKind = ValueKind.BINS;
            boolean perInteger = integral && d.max() - d.min() + 1 <= bins && d.min() == Math.rint(d.min());
            int count = perInteger ? (int) (d.max() - d.min()) + 1 : bins;
            double width = perInteger ? 1 : (d.max() - d.min()) / bins;
            double low = perInteger ? d.min() - 0.5 : d.min();
            plan.modeMeans = new double[count];
            plan.modeStds = new double[count];
            plan.modeWeights = new double[count];
            for (int k = 0; k < count; k++) {
                plan.modeMeans[k] = low + (k + 0.5) * width;
                plan.modeStds[k] = width / 2; // half the bin: the offset's unit
                plan.modeWeights[k] = 1.0 / count;
            }
            span(plan, offset, 1, Span.Activation.TANH, Span.Role.VALUE);
            span(plan, offset, count, Span.Activation.SOFTMAX, Span.Role.MODE);
        }
        if (plan.missingIndicator) {
            span(plan, offset, 2, Span.Activation.SOFTMAX, Span.Role.MISSING);
        }
    }

    /** Whether this encoding was built from a public domain ({@link #fromDomain}) rather than fitted on rows. */
    public boolean isFromDomain() {
        return fromDomain;
    }

    private static Span span(Plan plan, int[] offset, int width, Span.Activation activation, Span.Role role) {
        Span s = new Span(plan.column, offset[0], width, activation, role);
        offset[0] += width;
        plan.spans.add(s);
        return s;
    }

    private static Plan fitNumeric(Table table, int c, Options options, int[] offset) {
        Column column = table.schema().column(c);
        double[] x = table.numericColumn(c);
        Plan plan = new Plan();
        plan.column = c;
        double[] observed = new double[x.length];
        int m = 0;
        for (int i = 0; i < x.length; i++) {
            if (Double.isInfinite(x[i])) {
                throw new IllegalArgumentException("column '" + column.name() + "' has an infinite value in row " + (i + 1)
                        + "; neural models need finite numbers or missing values");
            }
            if (!Double.isNaN(x[i])) {
                observed[m++] = x[i];
            }
        }
        observed = Arrays.copyOf(observed, m);
        Arrays.sort(observed);
        plan.missingIndicator = m > 0 && m < x.length;
        if (m == 0) {
            plan.constant = Double.NaN; // all missing: sampled as missing
            return plan;
        }
        plan.min = observed[0];
        plan.max = observed[m - 1];
        plan.fill = observed[m / 2];
        if (plan.min == plan.max) {
            plan.constant = plan.min;
        } else {
            // values near ±1e300 overflow the sum of squares, subnormals underflow it to 0 (a zero scale): then the
            // moments, and the modes below, are computed on the values over their largest magnitude
            double magnitude = Math.max(Math.abs(plan.min), Math.abs(plan.max));
            double unit = 1;
            double[] moments = moments(observed, unit);
            if (!(Double.isFinite(moments[1]) && moments[1] > 0)) {
                unit = magnitude;
                moments = moments(observed, unit);
            }
            plan.center = moments[0] * unit;
            plan.scale = moments[1] * unit;
            switch (options.numericEncoding()) {
                case MINMAX -> {
                    plan.valueKind = ValueKind.MINMAX;
                    span(plan, offset, 1, Span.Activation.TANH, Span.Role.VALUE);
                }
                case STANDARD -> {
                    plan.valueKind = ValueKind.STANDARD;
                    span(plan, offset, 1, Span.Activation.LINEAR, Span.Role.VALUE);
                }
                case MODE_SPECIFIC -> {
                    plan.valueKind = ValueKind.MODES;
                    fitModes(plan, observed, unit, options);
                    span(plan, offset, 1, Span.Activation.TANH, Span.Role.VALUE);
                    span(plan, offset, plan.modeMeans.length, Span.Activation.SOFTMAX, Span.Role.MODE);
                }
            }
        }
        if (plan.missingIndicator) {
            span(plan, offset, 2, Span.Activation.SOFTMAX, Span.Role.MISSING);
        }
        return plan;
    }

    /** {mean, standard deviation} of {@code observed} divided by {@code unit}. */
    private static double[] moments(double[] observed, double unit) {
        double mean = 0;
        for (double v : observed) {
            mean += v / unit;
        }
        mean /= observed.length;
        double var = 0;
        for (double v : observed) {
            var += (v / unit - mean) * (v / unit - mean);
        }
        return new double[] {mean, Math.sqrt(var / observed.length)};
    }

    /** The modes of the sorted values, fitted on the values over {@code unit} (1 unless their magnitude is extreme). */
    private static void fitModes(Plan plan, double[] sorted, double unit, Options options) {
        double[] sample = sorted;
        if (sorted.length > MIXTURE_MAX_ROWS) {
            sample = new double[MIXTURE_MAX_ROWS];
            for (int i = 0; i < sample.length; i++) {
                sample[i] = sorted[(int) ((long) i * sorted.length / sample.length)];
            }
        }
        if (unit != 1) {
            sample = sample == sorted ? sorted.clone() : sample;
            for (int i = 0; i < sample.length; i++) {
                sample[i] /= unit;
            }
        }
        BayesianGaussianMixture mixture = BayesianGaussianMixture.fit(sample, options.maxModes(), MIXTURE_ITERATIONS);
        double[] w = mixture.weights();
        double[] mu = mixture.means();
        double[] sd = mixture.stds();
        List<Integer> valid = new ArrayList<>();
        for (int j = 0; j < w.length; j++) {
            if (w[j] > options.modeWeightThreshold()) {
                valid.add(j);
            }
        }
        if (valid.isEmpty()) {
            int best = 0;
            for (int j = 1; j < w.length; j++) {
                best = w[j] > w[best] ? j : best;
            }
            valid.add(best);
        }
        plan.modeWeights = new double[valid.size()];
        plan.modeMeans = new double[valid.size()];
        plan.modeStds = new double[valid.size()];
        for (int i = 0; i < valid.size(); i++) {
            int j = valid.get(i);
            plan.modeWeights[i] = w[j];
            plan.modeMeans[i] = mu[j] * unit;
            plan.modeStds[i] = Math.max(sd[j], 1e-9 * Math.max(1, Math.abs(mu[j]))) * unit;
        }
    }

    private static Plan fitCategorical(Table table, int c, Options options, int[] offset) {
        Column column = table.schema().column(c);
        int[] codes = table.codes(c);
        Plan plan = new Plan();
        plan.column = c;
        plan.categorical = true;
        boolean[] seen = new boolean[column.levels().size()];
        boolean missing = false;
        int distinct = 0;
        for (int code : codes) {
            if (code == Table.MISSING_CODE) {
                missing = true;
            } else if (!seen[code]) {
                seen[code] = true;
                distinct++;
            }
        }
        if (distinct > options.maxCategories()) {
            throw new PluginConfigException("max-categories", "column '" + column.name() + "' has " + distinct
                    + " distinct values, more than max-categories = " + options.maxCategories()
                    + "; a one-hot block that wide would dominate the network. Raise max-categories, or bucket or drop the column");
        }
        int slots = distinct + (missing ? 1 : 0);
        if (slots == 0) {
            return plan; // no rows
        }
        int[] slotCodes = new int[slots];
        int s = 0;
        for (int code = 0; code < seen.length; code++) {
            if (seen[code]) {
                slotCodes[s++] = code;
            }
        }
        if (missing) {
            slotCodes[s] = Table.MISSING_CODE;
        }
        if (slots == 1) {
            plan.constantCode = slotCodes[0];
            return plan;
        }
        plan.slotCodes = slotCodes;
        span(plan, offset, slots, Span.Activation.SOFTMAX, Span.Role.CATEGORY);
        return plan;
    }

    public Schema schema() {
        return schema;
    }

    public Options options() {
        return options;
    }

    /** Width of an encoded row. */
    public int width() {
        return width;
    }

    /** The blocks of an encoded row, in order. */
    public List<Span> spans() {
        return spans;
    }

    /** The one-hot blocks of categorical columns: what a conditional vector is made of. */
    public List<Span> categorySpans() {
        return spans.stream().filter(s -> s.role() == Span.Role.CATEGORY).toList();
    }

    /** The categorical code that slot {@code slot} of a {@link Span.Role#CATEGORY} span stands for. */
    public int codeOfSlot(Span span, int slot) {
        return plans.get(span.column()).slotCodes[slot];
    }

    /**
     * The span and slot of {@code column = level}, for conditional sampling; fails clearly for an unknown column,
     * a numeric column, an unknown level or one never seen in training.
     */
    public int[] conditionSlot(String columnName, String level) {
        int c = schema.indexOf(columnName);
        if (c < 0) {
            throw new IllegalArgumentException("cannot condition on '" + columnName + "': no such column; columns: " + schema.names());
        }
        Column column = schema.column(c);
        if (!column.isCategorical()) {
            throw new IllegalArgumentException("cannot condition on numeric column '" + columnName + "'; conditions take categorical columns");
        }
        int code = column.codeOf(level);
        if (code < 0) {
            throw new IllegalArgumentException("column '" + columnName + "' has no level '" + level + "'; levels: " + column.levels());
        }
        Plan plan = plans.get(c);
        if (plan.spans.isEmpty()) {
            if (plan.constantCode == code) {
                return new int[] {-1, -1};
            }
            throw new IllegalArgumentException("level '" + level + "' of column '" + columnName + "' never occurs in the training data");
        }
        Span span = plan.spans.get(0);
        for (int slot = 0; slot < plan.slotCodes.length; slot++) {
            if (plan.slotCodes[slot] == code) {
                return new int[] {categorySpans().indexOf(span), slot};
            }
        }
        throw new IllegalArgumentException("level '" + level + "' of column '" + columnName + "' never occurs in the training data");
    }

    /**
     * The encoded rows of {@code table} (same columns as the fitted one), row-major, {@code rows x width}. The
     * mode of a numeric value is drawn from its posterior, as CTGAN does, with {@code random}.
     */
    public float[] transform(Table table, SplittableRandom random) {
        if (fromDomain ? !sameColumns(table.schema(), schema) : !table.schema().columns().equals(schema.columns())) {
            throw new IllegalArgumentException("table columns " + table.schema().columns() + " differ from the fitted ones " + schema.columns());
        }
        int n = table.rowCount();
        float[] out = new float[Math.multiplyExact(n, Math.max(width, 1))];
        for (Plan plan : plans) {
            if (plan.spans.isEmpty()) {
                continue;
            }
            if (plan.categorical) {
                int[] codes = table.codes(plan.column);
                int start = plan.spans.get(0).start();
                int[] slotOf = slotIndex(plan, schema.column(plan.column), table.schema().column(plan.column));
                for (int i = 0; i < n; i++) {
                    int slot = codes[i] == Table.MISSING_CODE ? slotOf[slotOf.length - 1] : slotOf[codes[i]];
                    if (slot < 0 && fromDomain) {
                        slot = 0; // outside the public domain: its first category (mst's codec does the same)
                    } else if (slot < 0) {
                        throw new IllegalArgumentException("column '" + schema.column(plan.column).name() + "': level '"
                                + schema.column(plan.column).levels().get(codes[i]) + "' (row " + (i + 1) + ") was not in the training data");
                    }
                    out[i * width + start + slot] = 1;
                }
            } else {
                encodeNumeric(plan, table.numericColumn(plan.column), out, random);
            }
        }
        return out;
    }

    /**
     * Slot of each code of the table's column {@code given}, with the missing slot last; -1 for codes without a slot.
     * The codes are matched by level, so a table whose column lists fewer or other levels than {@code fitted} (a
     * public domain's categories) maps to the right slots.
     */
    private static int[] slotIndex(Plan plan, Column fitted, Column given) {
        int levels = given.levels().size();
        int[] slotOfFitted = new int[fitted.levels().size()];
        Arrays.fill(slotOfFitted, -1);
        int[] slotOf = new int[levels + 1];
        Arrays.fill(slotOf, -1);
        for (int s = 0; s < plan.slotCodes.length; s++) {
            int code = plan.slotCodes[s];
            if (code == Table.MISSING_CODE) {
                slotOf[levels] = s;
            } else {
                slotOfFitted[code] = s;
            }
        }
        for (int i = 0; i < levels; i++) {
            int code = given.equals(fitted) ? i : fitted.codeOf(given.levels().get(i));
            slotOf[i] = code < 0 ? -1 : slotOfFitted[code];
        }
        return slotOf;
    }

    /** The same column names and kinds, in order (the levels may differ). */
    private static boolean sameColumns(Schema a, Schema b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int c = 0; c < a.size(); c++) {
            if (!a.column(c).name().equals(b.column(c).name()) || a.column(c).isNumeric() != b.column(c).isNumeric()) {
                return false;
            }
        }
        return true;
    }

    private void encodeNumeric(Plan plan, double[] x, float[] out, SplittableRandom random) {
        int n = x.length;
        Span value = plan.valueKind == ValueKind.NONE ? null : plan.spans.get(0);
        Span miss = plan.missingIndicator ? plan.spans.get(plan.spans.size() - 1) : null;
        int k = plan.modeMeans.length;
        double[] p = new double[k];
        for (int i = 0; i < n; i++) {
            double v = x[i];
            int row = i * width;
            if (miss != null) {
                out[row + miss.start() + (Double.isNaN(v) ? 1 : 0)] = 1;
            }
            if (value == null) {
                continue;
            }
            if (Double.isNaN(v)) {
                v = plan.fill;
            }
            switch (plan.valueKind) {
                case MINMAX -> out[row + value.start()] = (float) clip(2 * (v - plan.min) / (plan.max - plan.min) - 1, -1, 1);
                case STANDARD -> out[row + value.start()] = (float) ((v - plan.center) / plan.scale);
                case MODES -> {
                    double sum = 0;
                    for (int j = 0; j < k; j++) {
                        double z = (v - plan.modeMeans[j]) / plan.modeStds[j];
                        p[j] = plan.modeWeights[j] * Math.exp(-0.5 * z * z) / plan.modeStds[j];
                        sum += p[j];
                    }
                    // As RDT's ClusterBasedNormalizer: posterior + 1e-6, renormalised, then one draw.
                    double total = 0;
                    for (int j = 0; j < k; j++) {
                        p[j] = (sum > 0 ? p[j] / sum : 0) + 1e-6;
                        total += p[j];
                    }
                    double u = random.nextDouble() * total;
                    int mode = k - 1;
                    for (int j = 0; j < k; j++) {
                        u -= p[j];
                        if (u < 0) {
                            mode = j;
                            break;
                        }
                    }
                    out[row + value.start()] = (float) clip((v - plan.modeMeans[mode]) / (STD_MULTIPLIER * plan.modeStds[mode]), -0.99, 0.99);
                    out[row + value.start() + 1 + mode] = 1;
                }
                case BINS -> {
                    double inside = clip(v, plan.min, plan.max);
                    // the bins are equally wide (whole numbers: centred on them), starting half a bin below the first centre
                    double width = 2 * plan.modeStds[0];
                    int bin = Math.min(plan.modeMeans.length - 1, (int) Math.floor((inside - (plan.modeMeans[0] - plan.modeStds[0])) / width));
                    out[row + value.start()] = (float) clip((inside - plan.modeMeans[bin]) / plan.modeStds[bin], -0.99, 0.99);
                    out[row + value.start() + 1 + bin] = 1;
                }
                default -> throw new IllegalStateException();
            }
        }
    }

    /**
     * A table from {@code rows} encoded rows (row-major, {@code rows x width}): one-hot blocks are read by argmax
     * (so raw logits work), values are clipped to the training range and rounded for integral columns.
     */
    public Table inverse(float[] encoded, int rows) {
        return inverse(encoded, rows, 1);
    }

    /**
     * {@link #inverse(float[], int)} on up to {@code threads} threads (the caller and {@code threads - 1} more), each
     * decoding its own range of rows; the result does not depend on the thread count. A model given two threads for
     * its native work decodes its sample on two as well.
     */
    public Table inverse(float[] encoded, int rows, int threads) {
        if (encoded.length < (long) rows * width) {
            throw new IllegalArgumentException("need " + rows + " x " + width + " values, got " + encoded.length);
        }
        Decoding decoding = decoding(rows);
        int parts = Math.max(1, Math.min(threads, rows / PARALLEL_ROWS));
        int per = -Math.floorDiv(-rows, parts);
        Parallel.forEachIndex(parts, parts, "genlab-decoding", k -> decoding.rows(encoded, Math.min(rows, k * per), Math.min(rows, (k + 1) * per)));
        return decoding.table();
    }

    /**
     * A table of {@code rows} rows to be decoded range by range, as the encoded rows become ready: a model that
     * generates its sample in chunks on several threads decodes each chunk on the thread that generated it. The
     * result is the same as {@link #inverse(float[], int)}'s whatever the ranges and their order.
     */
    public Decoding decoding(int rows) {
        return new Decoding(rows);
    }

    /** The columns of a table being decoded; see {@link #decoding(int)}. */
    public final class Decoding {
        private final int rows;
        private final Object[] columns;

        private Decoding(int rows) {
            if (rows < 0) {
                throw new IllegalArgumentException("cannot decode " + rows + " rows");
            }
            this.rows = rows;
            columns = new Object[plans.size()];
            for (int c = 0; c < plans.size(); c++) {
                columns[c] = plans.get(c).categorical ? new int[rows] : new double[rows];
            }
        }

        /**
         * Decodes rows {@code [from, to)} of {@code encoded} (row-major, the transformer's width) into the same rows of
         * the table. Disjoint ranges may be decoded on different threads; publish them to {@link #table()}'s caller
         * (a join or a queue) before reading it.
         */
        public void rows(float[] encoded, int from, int to) {
            if (from < 0 || to > rows || from > to || encoded.length < (long) to * width) {
                throw new IllegalArgumentException("cannot decode rows [" + from + ", " + to + ") of " + rows + " from "
                        + encoded.length + " values of width " + width);
            }
            inverseRows(encoded, 0, from, to, columns);
        }

        /**
         * Decodes rows {@code [from, to)} of the table from {@code chunk}, which holds just those rows from its index 0
         * (row-major, the transformer's width): a model that generates its sample a chunk at a time decodes each chunk
         * from one buffer while it is still in cache, and never holds the whole sample encoded (32,561 Adult rows are
         * 20 MB). The same threading rules as {@link #rows}.
         */
        public void chunk(float[] chunk, int from, int to) {
            if (from < 0 || to > rows || from > to || chunk.length < (long) (to - from) * width) {
                throw new IllegalArgumentException("cannot decode rows [" + from + ", " + to + ") of " + rows + " from a chunk of "
                        + chunk.length + " values of width " + width);
            }
            inverseRows(chunk, from, from, to, columns);
        }

        /** The decoded table (rows not decoded yet read as the first category or 0). */
        public Table table() {
            return Table.of(schema, Arrays.asList(columns));
        }
    }

    /** Rows below which a sample is decoded on one thread (starting another costs more than it saves). */
    private static final int PARALLEL_ROWS = 4096;

    /** Decodes rows {@code [from, to)} into {@code columns}; table row {@code i} is encoded row {@code i - first} of {@code encoded}. */
    private void inverseRows(float[] encoded, int first, int fromRow, int toRow, Object[] columns) {
        // Column by column within blocks of rows that stay in cache: a whole pass per column over a large sample
        // (32,561 Adult rows are 20 MB encoded) missed the cache on every row and took four fifths of the time.
        for (int from = fromRow; from < toRow; from += INVERSE_BLOCK) {
            int to = Math.min(toRow, from + INVERSE_BLOCK);
            for (int c = 0; c < plans.size(); c++) {
                Plan plan = plans.get(c);
                if (plan.categorical) {
                    inverseCodes(plan, encoded, first, from, to, (int[]) columns[c]);
                } else {
                    inverseValues(plan, schema.column(plan.column).integral(), encoded, first, from, to, (double[]) columns[c]);
                }
            }
        }
    }

    /** Rows per block in {@link #inverse}: a block of Adult's encoded rows is about 160 kB. */
    private static final int INVERSE_BLOCK = 256;

    private void inverseCodes(Plan plan, float[] encoded, int first, int from, int to, int[] codes) {
        if (plan.spans.isEmpty()) {
            Arrays.fill(codes, from, to, plan.constantCode);
            return;
        }
        Span s = plan.spans.get(0);
        for (int i = from; i < to; i++) {
            codes[i] = plan.slotCodes[argmax(encoded, (i - first) * width + s.start(), s.width())];
        }
    }

    private void inverseValues(Plan plan, boolean integral, float[] encoded, int first, int from, int to, double[] values) {
        for (int i = from; i < to; i++) {
            values[i] = value(plan, integral, encoded, (i - first) * width);
        }
    }

    /**
     * The value of a numeric column in the encoded row that starts at {@code row}. A method of its own, called per row:
     * a sample is decoded once, on code the JIT has not compiled yet, and the JIT compiles a method after a few hundred
     * calls but a loop only after tens of thousands of iterations (with the body in the row loop, a tvae sample of
     * 32,561 Adult rows decoded its first chunks in the interpreter; issue 19, {@code -XX:+PrintCompilation}).
     */
    private double value(Plan plan, boolean integral, float[] encoded, int row) {
        if (plan.missingIndicator && argmax(encoded, row + plan.spans.get(plan.spans.size() - 1).start(), 2) == 1) {
            return Double.NaN;
        }
        double v;
        switch (plan.valueKind) {
            case NONE -> v = plan.constant;
            case MINMAX -> v = (clip(encoded[row + plan.spans.get(0).start()], -1, 1) + 1) / 2 * (plan.max - plan.min) + plan.min;
            case STANDARD -> v = encoded[row + plan.spans.get(0).start()] * plan.scale + plan.center;
            case MODES -> {
                Span alpha = plan.spans.get(0);
                Span modes = plan.spans.get(1);
                int mode = argmax(encoded, row + modes.start(), modes.width());
                v = clip(encoded[row + alpha.start()], -1, 1) * STD_MULTIPLIER * plan.modeStds[mode] + plan.modeMeans[mode];
            }
            case BINS -> {
                Span offset = plan.spans.get(0);
                Span bins = plan.spans.get(1);
                int bin = argmax(encoded, row + bins.start(), bins.width());
                v = clip(encoded[row + offset.start()], -1, 1) * plan.modeStds[bin] + plan.modeMeans[bin];
            }
            default -> throw new IllegalStateException();
        }
        if (plan.valueKind != ValueKind.NONE) {
            v = clip(v, plan.min, plan.max);
            if (integral) {
                v = Math.rint(v);
            }
        }
        return v;
    }

    /** The modes (mean, std, weight) found for a numeric column with mode-specific encoding; empty otherwise. */
    public double[][] modes(String columnName) {
        Plan plan = plans.get(schema.requireIndex(columnName));
        return new double[][] {plan.modeMeans.clone(), plan.modeStds.clone(), plan.modeWeights.clone()};
    }

    /**
     * The offset in {@code a[start .. start + width)} of its largest value (the first of equal ones; a NaN is never
     * larger): how a one-hot block is read. Models use it for their own block maxima too (tvae's loss), so that a
     * sample drawn after training decodes with code the JIT has already compiled.
     */
    public static int argmax(float[] a, int start, int width) {
        int best = 0;
        float max = a[start];
        for (int j = 1; j < width; j++) {
            if (a[start + j] > max) {
                max = a[start + j];
                best = j;
            }
        }
        return best;
    }

    private static double clip(double v, double lo, double hi) {
        return v < lo ? lo : (v > hi ? hi : v);
    }

    public void write(DataOutputStream out) throws IOException {
        out.writeInt(MAGIC);
        SchemaCodec.write(schema, out);
        out.writeBoolean(fromDomain);
        out.writeInt(options.numericEncoding().ordinal());
        out.writeInt(options.maxModes());
        out.writeDouble(options.modeWeightThreshold());
        out.writeInt(options.maxCategories());
        out.writeInt(plans.size());
        for (Plan p : plans) {
            out.writeBoolean(p.categorical);
            out.writeInt(p.valueKind.ordinal());
            for (double d : new double[] {p.constant, p.min, p.max, p.center, p.scale, p.fill}) {
                out.writeDouble(d);
            }
            writeDoubles(out, p.modeWeights);
            writeDoubles(out, p.modeMeans);
            writeDoubles(out, p.modeStds);
            out.writeBoolean(p.missingIndicator);
            out.writeInt(p.slotCodes.length);
            for (int code : p.slotCodes) {
                out.writeInt(code);
            }
            out.writeInt(p.constantCode);
        }
    }

    public static TabularTransformer read(DataInputStream in) throws IOException {
        int magic = in.readInt();
        if (magic != MAGIC && magic != MAGIC_V2) {
            throw new IOException("not a genlab tabular transformer (bad magic number)");
        }
        Schema schema = SchemaCodec.read(in);
        boolean fromDomain = magic == MAGIC && in.readBoolean();
        NumericEncoding[] encodings = NumericEncoding.values();
        int encoding = in.readInt();
        if (encoding < 0 || encoding >= encodings.length) {
            throw new IOException("corrupt transformer: numeric encoding " + encoding);
        }
        Options options = new Options(encodings[encoding], in.readInt(), in.readDouble(), in.readInt());
        int count = in.readInt();
        if (count != schema.size()) {
            throw new IOException("corrupt transformer: " + count + " column plans for " + schema.size() + " columns");
        }
        List<Plan> plans = new ArrayList<>();
        int[] offset = {0};
        for (int c = 0; c < count; c++) {
            Plan p = new Plan();
            p.column = c;
            p.categorical = in.readBoolean();
            int kind = in.readInt();
            if (kind < 0 || kind >= ValueKind.values().length) {
                throw new IOException("corrupt transformer: value kind " + kind);
            }
            p.valueKind = ValueKind.values()[kind];
            p.constant = in.readDouble();
            p.min = in.readDouble();
            p.max = in.readDouble();
            p.center = in.readDouble();
            p.scale = in.readDouble();
            p.fill = in.readDouble();
            p.modeWeights = readDoubles(in);
            p.modeMeans = readDoubles(in);
            p.modeStds = readDoubles(in);
            p.missingIndicator = in.readBoolean();
            int slots = in.readInt();
            if (slots < 0 || slots > 10_000_000) {
                throw new IOException("corrupt transformer: " + slots + " slots");
            }
            p.slotCodes = new int[slots];
            for (int s = 0; s < slots; s++) {
                p.slotCodes[s] = in.readInt();
            }
            p.constantCode = in.readInt();
            // Spans are a function of the plan, rebuilt in the order fit made them.
            if (p.categorical) {
                if (slots > 1) {
                    span(p, offset, slots, Span.Activation.SOFTMAX, Span.Role.CATEGORY);
                }
            } else {
                switch (p.valueKind) {
                    case MINMAX -> span(p, offset, 1, Span.Activation.TANH, Span.Role.VALUE);
                    case STANDARD -> span(p, offset, 1, Span.Activation.LINEAR, Span.Role.VALUE);
                    case MODES, BINS -> {
                        span(p, offset, 1, Span.Activation.TANH, Span.Role.VALUE);
                        span(p, offset, p.modeMeans.length, Span.Activation.SOFTMAX, Span.Role.MODE);
                    }
                    case NONE -> {
                    }
                }
                if (p.missingIndicator) {
                    span(p, offset, 2, Span.Activation.SOFTMAX, Span.Role.MISSING);
                }
            }
            plans.add(p);
        }
        return new TabularTransformer(schema, options, fromDomain, plans);
    }

    private static void writeDoubles(DataOutputStream out, double[] values) throws IOException {
        out.writeInt(values.length);
        for (double v : values) {
            out.writeDouble(v);
        }
    }

    private static double[] readDoubles(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > 1_000_000) {
            throw new IOException("corrupt transformer: array of " + n);
        }
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = in.readDouble();
        }
        return v;
    }
}
