package dev.genlab.dp;

import dev.genlab.spi.Column;
import dev.genlab.spi.ColumnDomain;
import dev.genlab.spi.Data;
import dev.genlab.spi.DataProblems;
import dev.genlab.spi.FittedModel;
import dev.genlab.spi.GenerativeModel;
import dev.genlab.spi.PublicDomain;
import dev.genlab.spi.Schema;
import dev.genlab.spi.Table;
import dev.genlab.spi.TrainingContext;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code mst} model: {@link TabularMst} over the public domain the run's dataset declares. The privacy it spent
 * is logged as the run metrics {@code privacy.epsilon-spent}, {@code privacy.rho-spent} and {@code privacy.delta}.
 */
public final class MstModel implements GenerativeModel {
    static final String NO_DOMAIN = "mst takes every bound and category from the dataset's public domain, and this dataset declares none; "
            + "use a dataset that declares one (adult, heart-disease, breast-cancer, diabetes)";

    private final MstConfig config;

    @Inject
    public MstModel(MstConfig config) {
        this.config = config;
    }

    /** Refuses, before anything runs, a dataset without a public domain or one that leaves a column out. */
    @Override
    public void check(Data train, Optional<PublicDomain> publicDomain, DataProblems problems) {
        if (publicDomain.isEmpty()) {
            problems.dataset("type", NO_DOMAIN);
            return;
        }
        Schema schema = train.asTable().schema();
        for (Column column : schema.columns()) {
            ColumnDomain d = publicDomain.get().columns().get(column.name());
            if (d == null) {
                problems.dataset("type", "mst needs the public domain of every column, and the dataset declares none for '" + column.name()
                        + "'; declared: " + String.join(", ", publicDomain.get().columns().keySet()));
            } else if (d.isNumeric() != column.isNumeric()) {
                problems.dataset("type", "column '" + column.name() + "' is " + column.type().toString().toLowerCase(Locale.ROOT)
                        + " but the dataset's public domain declares " + d);
            }
        }
    }

    @Override
    public FittedModel fit(Data train, TrainingContext context) {
        PublicDomain domain = context.publicDomain().orElseThrow(() -> new IllegalArgumentException(NO_DOMAIN));
        Table table = train.asTable();
        TabularMst mst = TabularMst.fit(table, domain, config.epsilon(), config.delta(), config.bins(), context.random("mst").nextLong());
        context.logMetric("privacy.epsilon-spent", mst.epsilonSpent(), 0);
        context.logMetric("privacy.rho-spent", mst.ledger().rho(), 0);
        context.logMetric("privacy.delta", config.delta(), 0);
        context.logMetric("privacy.epsilon", config.epsilon(), 0);
        return new FittedMst(mst);
    }

    /** Conditional sampling is not offered (a tree model could, by sampling from the conditioned column outwards). */
    @Override
    public boolean supportsConditions(Data train) {
        return false;
    }

    @Override
    public FittedModel load(Path directory) throws IOException {
        return FittedMst.load(directory);
    }
}
