package dev.genlab.dp;

import dev.genlab.spi.Column;
import dev.genlab.spi.ColumnDomain;
import dev.genlab.spi.DataProblems;
import dev.genlab.spi.PublicDomain;
import dev.genlab.spi.Schema;
import dev.genlab.spi.TrainingContext;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The rule every differentially private generator follows for its bounds and categories (issue #18): they come from
 * the public domain the dataset declares, and from the private training rows only with {@code model.domain-from-data
 * = true}, which the run then records — the result {@code privacy.domain-from-data} (how many columns), a warning in
 * {@code run.json}, the {@code genlab.warnings} tag, the summary, the score card and the report. Shared by {@code mst},
 * {@code aim} and {@code dp-tvae}, so that the refusal and the warning read the same for all of them.
 */
public final class DomainFromData {
    /** The run result that counts the columns whose bounds or categories came from the private rows. */
    public static final String RESULT = "privacy.domain-from-data";

    private DomainFromData() {
    }

    /** Why {@code model} refuses a dataset that declares no public domain, and the two ways out. */
    public static String noDomain(String model) {
        return model + " takes every bound and category from the dataset's public domain, and this dataset declares none; "
                + "use a dataset that declares one (adult, heart-disease, breast-cancer, diabetes), or set model.domain-from-data = true "
                + "to read them from the private data (not covered by the privacy guarantee)";
    }

    /**
     * The located problems (at the dataset's {@code type} line) of a run whose model cannot get its domain: none
     * declared, a column left out, or a column of the other kind. Nothing when {@code domainFromData} allows reading
     * the data. Checked before anything runs.
     */
    public static void check(String model, Schema schema, Optional<PublicDomain> publicDomain, boolean domainFromData, DataProblems problems) {
        if (domainFromData) {
            return;
        }
        if (publicDomain.isEmpty()) {
            problems.dataset("type", noDomain(model));
            return;
        }
        for (Column column : schema.columns()) {
            ColumnDomain d = publicDomain.get().columns().get(column.name());
            if (d == null) {
                problems.dataset("type", model + " needs the public domain of every column, and the dataset declares none for '" + column.name()
                        + "'; declared: " + String.join(", ", publicDomain.get().columns().keySet())
                        + " (or set model.domain-from-data = true to read the rest from the private data)");
            } else if (d.isNumeric() != column.isNumeric()) {
                problems.dataset("type", "column '" + column.name() + "' is " + column.type().toString().toLowerCase(Locale.ROOT)
                        + " but the dataset's public domain declares " + d);
            }
        }
    }

    /** The warning for bounds or categories of {@code columns} read from the private training rows. */
    public static String warning(String model, List<String> columns) {
        return model + " read the bounds or categories of " + columns.size() + " column(s) from the private training data "
                + "(model.domain-from-data = true): " + String.join(", ", columns)
                + "; the differential privacy guarantee does not cover them";
    }

    /**
     * Records on the run that {@code model} read the bounds or categories of {@code columns} from the private rows:
     * the result {@link #RESULT} and the {@link #warning}. Nothing when {@code columns} is empty.
     */
    public static void record(String model, TrainingContext context, List<String> columns) {
        if (columns.isEmpty()) {
            return;
        }
        context.logResult(RESULT, columns.size());
        context.warn(warning(model, columns));
    }
}
