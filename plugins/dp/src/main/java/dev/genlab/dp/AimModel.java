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
 * The {@code aim} model: {@link Aim} over the public domain the run's dataset declares, coded by {@link DomainCodec}.
 * The privacy it spent is recorded as the run results {@code privacy.epsilon-spent}, {@code privacy.rho-spent},
 * {@code privacy.delta} and the configured {@code privacy.epsilon} ({@link MarginalDomain#record}).
 */
public final class AimModel implements GenerativeModel {
    private final AimConfig config;

    @Inject
    public AimModel(AimConfig config) {
        this.config = config;
    }

    @Override
    public void check(Data train, Optional<PublicDomain> publicDomain, DataProblems problems) {
        DomainFromData.check("aim", train.asTable().schema(), publicDomain, config.domainFromData(), problems);
    }

    @Override
    public FittedModel fit(Data train, TrainingContext context) {
        Table table = train.asTable();
        MarginalDomain.Resolved domain = MarginalDomain.resolve(table, context.publicDomain(), config.domainFromData());
        DomainCodec codec = new DomainCodec(table.schema(), domain.domain(), config.bins());
        Aim.Result result = Aim.fit(codec.encode(table), codec.sizes(), config.epsilon(), config.delta(), config.degree(), config.maxModelSize(),
                config.rounds(), config.iterations(), context.random("aim").nextLong());
        MarginalDomain.record("aim", context, domain, result.ledger(), config.epsilon(), result.epsilonSpent(), config.delta(), table.rowCount());
        return new FittedAim(codec, result.model());
    }

    /** Conditional sampling is not offered (the junction tree could, by rooting it at the conditioned columns' node). */
    @Override
    public boolean supportsConditions(Data train) {
        return false;
    }

    @Override
    public FittedModel load(Path directory) throws IOException {
        return FittedAim.load(directory);
    }
}
