package dev.genlab.dp;

import dev.genlab.spi.Column;
import dev.genlab.spi.ColumnDomain;
import dev.genlab.spi.PublicDomain;
import dev.genlab.spi.Schema;
import dev.genlab.spi.SchemaCodec;
import dev.genlab.spi.Table;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Turns a table into the discrete codes a marginal method measures, and codes back into a table, using only the
 * public domain, never the data: a categorical column's values are the domain's categories, a numeric column is cut
 * into equal-width bins over the domain's range (one bin per whole number when an integral column's range has at
 * most that many), and a column that may be missing gets one more value for "missing". Values outside the domain
 * are clipped into it, as differential privacy requires of data that break the declared bounds.
 */
public final class DomainCodec {
    private final Schema schema;
    private final List<ColumnDomain> domains;
    private final int[] sizes;
    /** For a numeric column: the number of bins (without the missing value); 0 for a categorical one. */
    private final int[] bins;
    private final int requestedBins;

    /**
     * @param schema the schema of the tables encoded (and of those decoded, with any domain category it lacks added)
     * @param domain the public domain of every column of {@code schema}
     * @param bins   bins per numeric column, at least 1
     */
    public DomainCodec(Schema schema, PublicDomain domain, int bins) {
        if (bins < 1) {
            throw new IllegalArgumentException("bins must be at least 1, got " + bins);
        }
        this.requestedBins = bins;
        List<ColumnDomain> ds = new ArrayList<>();
        List<Column> columns = new ArrayList<>();
        this.sizes = new int[schema.size()];
        this.bins = new int[schema.size()];
        for (int c = 0; c < schema.size(); c++) {
            Column column = schema.column(c);
            if (!domain.columns().containsKey(column.name())) {
                throw new IllegalArgumentException("column '" + column.name() + "' has no public domain; declared: " + domain.columns().keySet());
            }
            ColumnDomain d = domain.column(column.name());
            if (d.isNumeric() != column.isNumeric()) {
                throw new IllegalArgumentException("column '" + column.name() + "' is " + column.type() + " but its public domain is " + d);
            }
            int values;
            if (column.isCategorical()) {
                values = d.levels().size();
                List<String> levels = new ArrayList<>(column.levels());
                for (String level : d.levels()) {
                    if (!levels.contains(level)) {
                        levels.add(level);
                    }
                }
                column = Column.categorical(column.name(), levels);
            } else {
                double width = d.max() - d.min();
                this.bins[c] = column.integral() && width + 1 <= bins ? (int) width + 1 : bins;
                values = this.bins[c];
            }
            sizes[c] = values + (d.mayBeMissing() ? 1 : 0);
            ds.add(d);
            columns.add(column);
        }
        this.schema = schema.withColumns(columns);
        this.domains = List.copyOf(ds);
    }

    /** Writes what {@link #read(DataInput)} needs to rebuild this codec. */
    void write(DataOutput out) throws IOException {
        SchemaCodec.write(schema, out);
        out.writeInt(requestedBins);
        for (ColumnDomain d : domains) {
            out.writeBoolean(d.isNumeric());
            if (d.isNumeric()) {
                out.writeDouble(d.min());
                out.writeDouble(d.max());
            } else {
                out.writeInt(d.levels().size());
                for (String level : d.levels()) {
                    out.writeUTF(level);
                }
            }
            out.writeBoolean(d.mayBeMissing());
        }
    }

    static DomainCodec read(DataInput in) throws IOException {
        Schema schema = SchemaCodec.read(in);
        int bins = in.readInt();
        Map<String, ColumnDomain> columns = new LinkedHashMap<>();
        for (Column column : schema.columns()) {
            ColumnDomain d;
            if (in.readBoolean()) {
                d = ColumnDomain.range(in.readDouble(), in.readDouble());
            } else {
                List<String> levels = new ArrayList<>();
                for (int i = in.readInt(); i > 0; i--) {
                    levels.add(in.readUTF());
                }
                d = ColumnDomain.categories(levels);
            }
            columns.put(column.name(), in.readBoolean() ? d.orMissing() : d);
        }
        return new DomainCodec(schema, new PublicDomain(columns, "saved mst model"), bins);
    }

    /** The number of values of each column's code. */
    public int[] sizes() {
        return sizes.clone();
    }

    /** The schema of decoded tables. */
    public Schema schema() {
        return schema;
    }

    /** Column-major codes of {@code table} (whose columns are this codec's, in order). */
    public int[][] encode(Table table) {
        int rows = table.rowCount();
        int[][] codes = new int[schema.size()][rows];
        for (int c = 0; c < schema.size(); c++) {
            ColumnDomain d = domains.get(c);
            Column column = table.schema().column(c);
            for (int r = 0; r < rows; r++) {
                if (table.isMissing(c, r)) {
                    // a missing value where the domain allows none becomes its first value: the bounds are public
                    codes[c][r] = d.mayBeMissing() ? sizes[c] - 1 : 0;
                } else if (column.isCategorical()) {
                    int code = d.levels().indexOf(column.levels().get(table.code(c, r)));
                    codes[c][r] = Math.max(code, 0);
                } else {
                    codes[c][r] = bin(c, table.numeric(c, r));
                }
            }
        }
        return codes;
    }

    /** A table of these codes: a numeric value is drawn uniformly within its bin (whole numbers for integral columns). */
    public Table decode(int[][] codes, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int rows = codes[0].length;
        List<Object> arrays = new ArrayList<>();
        for (int c = 0; c < schema.size(); c++) {
            ColumnDomain d = domains.get(c);
            Column column = schema.column(c);
            boolean missingCode = d.mayBeMissing();
            if (column.isCategorical()) {
                int[] out = new int[rows];
                for (int r = 0; r < rows; r++) {
                    int code = codes[c][r];
                    out[r] = missingCode && code == sizes[c] - 1 ? Table.MISSING_CODE : column.codeOf(d.levels().get(code));
                }
                arrays.add(out);
            } else {
                double[] out = new double[rows];
                double width = (d.max() - d.min()) / bins[c];
                boolean perInteger = column.integral() && d.max() - d.min() + 1 == bins[c];
                for (int r = 0; r < rows; r++) {
                    int code = codes[c][r];
                    if (missingCode && code == sizes[c] - 1) {
                        out[r] = Double.NaN;
                    } else if (perInteger) {
                        out[r] = d.min() + code;
                    } else {
                        double v = d.min() + (code + random.nextDouble()) * width;
                        out[r] = column.integral() ? Math.min(d.max(), Math.max(d.min(), Math.rint(v))) : Math.min(d.max(), v);
                    }
                }
                arrays.add(out);
            }
        }
        return Table.of(schema, arrays);
    }

    private int bin(int c, double v) {
        ColumnDomain d = domains.get(c);
        double x = Math.min(d.max(), Math.max(d.min(), v));
        if (d.max() == d.min()) {
            return 0;
        }
        if (schema.column(c).integral() && d.max() - d.min() + 1 == bins[c]) {
            return (int) Math.rint(x - d.min());
        }
        return Math.min(bins[c] - 1, (int) Math.floor((x - d.min()) / (d.max() - d.min()) * bins[c]));
    }
}
