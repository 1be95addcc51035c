package dev.genlab.dp;

import dev.genlab.spi.Column;
import dev.genlab.spi.ColumnDomain;
import dev.genlab.spi.PublicDomain;
import dev.genlab.spi.Table;
import dev.genlab.spi.TrainingContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where a marginal model ({@code mst}, {@code aim}) gets every bound and category: the public domain the dataset
 * declares, and — only with {@code model.domain-from-data = true} — the training rows themselves for the columns
 * it leaves out. Reading them from the private data is outside the differential privacy guarantee, so the run
 * records which columns it did that for and shows the warning in the summary and the score card ({@link DomainFromData}).
 */
final class MarginalDomain {
    /** The domain a fit uses, and the columns whose bounds or categories came from the training rows. */
    record Resolved(PublicDomain domain, List<String> fromData) {
    }

    private MarginalDomain() {
    }

    /** The public domain, completed from {@code train} for the columns it lacks when {@code domainFromData} allows it. */
    static Resolved resolve(Table train, Optional<PublicDomain> publicDomain, boolean domainFromData) {
        Map<String, ColumnDomain> columns = new LinkedHashMap<>();
        List<String> fromData = new ArrayList<>();
        for (int c = 0; c < train.columnCount(); c++) {
            Column column = train.schema().column(c);
            ColumnDomain declared = publicDomain.map(p -> p.columns().get(column.name())).orElse(null);
            if (declared != null && declared.isNumeric() == column.isNumeric()) {
                columns.put(column.name(), declared);
            } else if (domainFromData) {
                columns.put(column.name(), observed(train, c));
                fromData.add(column.name());
            } else {
                throw new IllegalArgumentException(publicDomain.isEmpty() ? DomainFromData.noDomain("the model")
                        : "column '" + column.name() + "' has no public domain and model.domain-from-data is false");
            }
        }
        String source = publicDomain.map(PublicDomain::source).orElse("the training data")
                + (fromData.isEmpty() || publicDomain.isEmpty() ? "" : ", completed from the training data");
        return new Resolved(new PublicDomain(columns, source), List.copyOf(fromData));
    }

    /** The range or categories {@code train} shows in column {@code c}. */
    private static ColumnDomain observed(Table train, int c) {
        Column column = train.schema().column(c);
        boolean missing = false;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int r = 0; r < train.rowCount(); r++) {
            if (train.isMissing(c, r)) {
                missing = true;
            } else if (column.isNumeric()) {
                min = Math.min(min, train.numeric(c, r));
                max = Math.max(max, train.numeric(c, r));
            }
        }
        ColumnDomain d;
        if (column.isCategorical()) {
            d = ColumnDomain.categories(column.levels().isEmpty() ? List.of("?") : column.levels());
        } else {
            d = min <= max ? ColumnDomain.range(min, max) : ColumnDomain.range(0, 0);
        }
        return missing ? d.orMissing() : d;
    }

    /**
     * Records on the run what the fit spent and how far to trust it: {@code privacy.epsilon-spent},
     * {@code privacy.rho-spent}, {@code privacy.delta} as results; a warning for bounds read from the data and one for
     * a δ that is not well below 1 / (training rows).
     */
    static void record(String model, TrainingContext context, Resolved domain, ZcdpAccountant ledger, double epsilon, double epsilonSpent,
            double delta, int trainingRows) {
        context.logResult("privacy.epsilon-spent", epsilonSpent);
        context.logResult("privacy.rho-spent", ledger.rho());
        context.logResult("privacy.delta", delta);
        // the configured budget beside the spent one: the runtime's budget row judges spent <= configured
        context.logResult("privacy.epsilon", epsilon);
        DomainFromData.record(model, context, domain.fromData());
        if (delta > deltaCeiling(trainingRows)) {
            context.warn(String.format(Locale.ROOT, "model.delta = %.3g is not well below 1/n = %.3g (n = %d training rows); "
                    + "keep delta <= %.3g", delta, 1.0 / Math.max(trainingRows, 1), trainingRows, deltaCeiling(trainingRows)));
        }
    }

    /** The largest δ genlab calls "well below 1/n": a tenth of it. */
    static double deltaCeiling(int trainingRows) {
        return 0.1 / Math.max(trainingRows, 1);
    }
}
