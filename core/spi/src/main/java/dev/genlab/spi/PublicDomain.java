package dev.genlab.spi;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The public domain of a dataset: a {@link ColumnDomain} for each of its columns, and where it comes from. A dataset
 * declares it with {@link Dataset#publicDomain()}.
 *
 * @param columns the domain of each column, by column name
 * @param source  where the domain is documented (a codebook, the source's description), for provenance
 */
public record PublicDomain(Map<String, ColumnDomain> columns, String source) {
    public PublicDomain {
        columns = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(columns, "columns is null")));
        Objects.requireNonNull(source, "source is null");
    }

    public ColumnDomain column(String name) {
        ColumnDomain d = columns.get(name);
        if (d == null) {
            throw new IllegalArgumentException("no public domain for column '" + name + "'; declared: " + columns.keySet());
        }
        return d;
    }

    /** The same domain without these columns (a dataset's setting dropped them). */
    public PublicDomain without(Collection<String> dropped) {
        Map<String, ColumnDomain> kept = new LinkedHashMap<>(columns);
        kept.keySet().removeAll(dropped);
        return new PublicDomain(kept, source);
    }

    /**
     * What in {@code table} lies outside this domain: a column without a declared domain, a numeric column declared
     * categorical or the other way round, a level that is not a declared category, a value outside its range, a
     * missing value where none may be. At most {@code limit} problems, each naming the column (and row).
     */
    public List<String> violations(Table table, int limit) {
        List<String> out = new ArrayList<>();
        Schema schema = table.schema();
        for (int c = 0; c < schema.size() && out.size() < limit; c++) {
            Column column = schema.column(c);
            ColumnDomain d = columns.get(column.name());
            if (d == null) {
                out.add("column '" + column.name() + "' has no declared domain");
                continue;
            }
            if (d.isNumeric() != column.isNumeric()) {
                out.add("column '" + column.name() + "' is " + column.type() + " but its domain is " + d);
                continue;
            }
            if (column.isCategorical() && !d.levels().containsAll(column.levels())) {
                List<String> extra = new ArrayList<>(column.levels());
                extra.removeAll(d.levels());
                out.add("column '" + column.name() + "' has levels " + extra + " outside its domain " + d.levels());
            }
            for (int r = 0; r < table.rowCount() && out.size() < limit; r++) {
                if (table.isMissing(c, r)) {
                    if (!d.mayBeMissing()) {
                        out.add("column '" + column.name() + "' row " + r + " is missing, which its domain does not allow");
                    }
                } else if (column.isNumeric()) {
                    double v = table.numeric(c, r);
                    if (!(v >= d.min() && v <= d.max())) {
                        out.add("column '" + column.name() + "' row " + r + " is " + v + ", outside " + d);
                    }
                }
            }
        }
        return out;
    }
}
