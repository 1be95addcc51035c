package dev.genlab.plugin.datasets;

import dev.genlab.spi.Column;
import dev.genlab.spi.ColumnDomain;
import dev.genlab.spi.PublicDomain;
import dev.genlab.spi.Schema;
import dev.genlab.spi.Table;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The derived sensitive column {@code age-group}: fairness metrics group by categorical columns, so a dataset whose
 * age is a number adds it in ten-year groups (the first and last open-ended) beside the age itself.
 */
final class AgeGroups {
    static final String COLUMN = "age-group";
    static final List<String> LEVELS = List.of("<40", "40-49", "50-59", "60-69", "70+");
    static final ColumnDomain DOMAIN = ColumnDomain.categories(LEVELS);

    private AgeGroups() {
    }

    static int group(double age) {
        if (Double.isNaN(age)) {
            return Table.MISSING_CODE;
        }
        if (age < 40) {
            return 0;
        }
        return Math.min(4, (int) Math.floor(age / 10) - 3);
    }

    /** {@code table} with {@code age-group} appended, computed from column {@code age}. */
    static Table append(Table table, String age) {
        double[] ages = table.numericColumn(age);
        int[] groups = new int[ages.length];
        for (int r = 0; r < ages.length; r++) {
            groups[r] = group(ages[r]);
        }
        List<Column> columns = new ArrayList<>(table.schema().columns());
        List<Object> arrays = new ArrayList<>();
        for (int c = 0; c < table.columnCount(); c++) {
            arrays.add(table.schema().column(c).isNumeric() ? table.numericColumn(c) : table.codes(c));
        }
        columns.add(Column.categorical(COLUMN, LEVELS));
        arrays.add(groups);
        return Table.of(Schema.of(columns), arrays);
    }

    /** {@code domain} with the domain of {@code age-group} appended. */
    static PublicDomain append(PublicDomain domain) {
        Map<String, ColumnDomain> columns = new LinkedHashMap<>(domain.columns());
        columns.put(COLUMN, DOMAIN);
        return new PublicDomain(columns, domain.source());
    }
}
