package dev.genlab.dp;

import dev.genlab.spi.Data;
import dev.genlab.spi.DataProblems;
import dev.genlab.spi.FittedModel;
import dev.genlab.spi.GenerativeModel;
import dev.genlab.spi.PublicDomain;
import dev.genlab.spi.Table;
import dev.genlab.spi.TrainingContext;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The {@code mst} model: {@link TabularMst} over the public domain the run's dataset declares. The privacy it spent
 * is recorded as the run results {@code privacy.epsilon-spent}, {@code privacy.rho-spent}, {@code privacy.delta} and
 * the configured {@code privacy.epsilon} ({@link MarginalDomain#record}).
 */
public final class MstModel implements GenerativeModel {
    private final MstConfig config;

    @Inject
    public MstModel(MstConfig config) {
        this.config = config;
    }

    /**
     * Refuses, before anything runs, a dataset without a public domain or one that leaves a column out, unless
     * {@code domain-from-data} allows reading bounds from the data.
     */
    @Override
    public void check(Data train, Optional<PublicDomain> publicDomain, DataProblems problems) {
        DomainFromData.check("mst", train.asTable().schema(), publicDomain, config.domainFromData(), problems);
    }

    @Override
    public FittedModel fit(Data train, TrainingContext context) {
        Table table = train.asTable();
        MarginalDomain.Resolved domain = MarginalDomain.resolve(table, context.publicDomain(), config.domainFromData());
        if (MstConfig.PRIVATE_PGM.equals(config.estimator())) {
            DomainCodec codec = new DomainCodec(table.schema(), domain.domain(), config.bins());
            Aim.Result result = Mst.fitPrivatePgm(codec.encode(table), codec.sizes(), config.epsilon(), config.delta(), config.iterations(),
                    context.random("mst").nextLong());
            MarginalDomain.record("mst", context, domain, result.ledger(), config.epsilon(), result.epsilonSpent(), config.delta(), table.rowCount());
            return new FittedAim(codec, result.model()); // a graphical model, saved as aim's are
        }
        TabularMst mst = TabularMst.fit(table, domain.domain(), config.epsilon(), config.delta(), config.bins(), context.random("mst").nextLong());
        MarginalDomain.record("mst", context, domain, mst.ledger(), config.epsilon(), mst.epsilonSpent(), config.delta(), table.rowCount());
        return new FittedMst(mst);
    }

    /** Conditional sampling is not offered (a tree model could, by sampling from the conditioned column outwards). */
    @Override
    public boolean supportsConditions(Data train) {
        return false;
    }

    @Override
    public FittedModel load(Path directory) throws IOException {
        // estimator = private-pgm saves a graphical model (aim's file), the tree estimator its tree
        return FittedAim.saved(directory) ? FittedAim.load(directory) : FittedMst.load(directory);
    }
}
