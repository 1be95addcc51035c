package dev.genlab.plugin.deeptabular;

import dev.genlab.dp.DomainFromData;
import dev.genlab.dp.RdpAccountant;
import dev.genlab.plugin.djl.tabular.TabularTransformer;
import dev.genlab.spi.Data;
import dev.genlab.spi.DataProblems;
import dev.genlab.spi.PublicDomain;
import dev.genlab.spi.Table;
import dev.genlab.spi.TrainingContext;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * TVAE trained with DP-SGD: both networks see the rows (the encoder reads them, the decoder's loss compares with
 * them), so both are trained on privatised gradients — per-example gradients ({@link PerExampleGradients}) clipped
 * jointly, Gaussian noise, Poisson sampling — and the steps are accounted with {@link RdpAccountant}. The spent
 * budget is logged as {@code privacy.epsilon-spent} with the settings it was computed from.
 *
 * <p>The table's encoding reads no row: it is built from the public domain the dataset declares
 * ({@link TabularTransformer#fromDomain}: one-hot over the domain's categories, numeric columns as {@code bins}
 * equal-width bins over the domain's range plus the place inside the bin). A dataset without one, or a column it leaves
 * out, is refused before training. With {@code domain-from-data = true} the encoding is tvae's, fitted on the
 * private rows (category lists, Gaussian mixtures), and the run says so ({@link DomainFromData#record}).
 *
 * <p>Unlike tvae, the decoder's output scales are not learned: they stay at 0.1. Learned, they collapse under
 * clipping — a row whose value is badly reconstructed pushes its scale up with a gradient of order r²/σ³, which
 * clipping cuts to the size of every other row's, so the scales follow the typical row down to the 0.01 clamp and the
 * loss of the badly reconstructed rows grows (seen on Adult: loss 45, 100, 152 over 3 epochs at ε = 3).
 */
public final class DpTvaeModel extends TvaeModel {
    private final DpTvaeConfig config;

    @Inject
    public DpTvaeModel(DpTvaeConfig config) {
        super(DpTvaeModelPlugin.NAME, config.tvae());
        this.config = config;
    }

    /** What a fit on {@code rows} rows will do and spend. */
    record Budget(double samplingRate, long steps, double noiseMultiplier, double epsilonSpent) {
    }

    /** The sampling rate, the steps, σ (configured or computed from ε) and the ε those spend at the configured δ. */
    Budget budget(int rows) {
        int batch = Math.min(config.batchSize(), rows);
        double q = (double) batch / rows;
        long steps = (long) config.epochs() * stepsPerEpoch(rows, config.batchSize());
        double sigma = config.noiseMultiplier() > 0 ? config.noiseMultiplier()
                : RdpAccountant.noiseMultiplier(q, steps, config.epsilon(), config.delta());
        return new Budget(q, steps, sigma, RdpAccountant.epsilon(q, sigma, steps, config.delta()));
    }

    /**
     * Refuses, before anything trains, a dataset without a public domain or one that leaves a column out (unless
     * {@code domain-from-data} allows fitting the encoding on the data), and what {@link #check(Data, DataProblems)}
     * refuses.
     */
    @Override
    public void check(Data train, Optional<PublicDomain> publicDomain, DataProblems problems) {
        DomainFromData.check(DpTvaeModelPlugin.NAME, train.asTable().schema(), publicDomain, config.domainFromData(), problems);
        check(train, problems);
    }

    /** The encoding from the public domain; tvae's, fitted on the rows, only with {@code domain-from-data = true} (recorded). */
    @Override
    TabularTransformer encoder(Table table, TrainingContext context) {
        if (config.domainFromData()) {
            DomainFromData.record(DpTvaeModelPlugin.NAME, context, table.schema().names());
            return super.encoder(table, context);
        }
        PublicDomain domain = context.publicDomain().orElseThrow(() -> new IllegalArgumentException(DomainFromData.noDomain(DpTvaeModelPlugin.NAME)));
        return TabularTransformer.fromDomain(table.schema(), domain, config.bins(), encoding());
    }

    /** Refuses, before anything trains, a noise multiplier that would spend more than epsilon on this table. */
    @Override
    public void check(Data train, DataProblems problems) {
        int rows = train.asTable().rowCount();
        if (rows == 0 || config.noiseMultiplier() == 0) {
            return;
        }
        Budget b = budget(rows);
        if (b.epsilonSpent() > config.epsilon()) {
            problems.setting("noise-multiplier", String.format(Locale.ROOT,
                    "%s would spend epsilon %.4g over %d steps at sampling rate %.4g (delta %s), more than epsilon = %s; "
                            + "raise it to at least %.4g or set 0 to have it computed",
                    config.noiseMultiplier(), b.epsilonSpent(), b.steps(), b.samplingRate(), config.delta(), config.epsilon(),
                    RdpAccountant.noiseMultiplier(b.samplingRate(), b.steps(), config.epsilon(), config.delta())));
        }
    }

    @Override
    PrivateTraining privateTraining(int rows) {
        Budget b = budget(rows);
        if (!(b.epsilonSpent() <= config.epsilon())) {
            // check() refuses this before a run; a direct fit must not train past the budget either
            throw new IllegalArgumentException(String.format(Locale.ROOT, "dp-tvae: noise-multiplier %s would spend epsilon %.4g, more than %s",
                    config.noiseMultiplier(), b.epsilonSpent(), config.epsilon()));
        }
        return new PrivateTraining(b.samplingRate(), b.steps(), new DpSgd(config.clipNorm(), b.noiseMultiplier(), b.samplingRate() * rows));
    }

    @Override
    void logPrivacy(PrivateTraining privacy, TrainingContext context) {
        context.logMetrics(privacyMetrics(privacy), 0);
    }

    Map<String, Double> privacyMetrics(PrivateTraining privacy) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("privacy.epsilon-spent", RdpAccountant.epsilon(privacy.samplingRate(), privacy.step().noiseMultiplier(), privacy.steps(), config.delta()));
        m.put("privacy.epsilon", config.epsilon());
        m.put("privacy.delta", config.delta());
        m.put("privacy.noise-multiplier", privacy.step().noiseMultiplier());
        m.put("privacy.clip-norm", config.clipNorm());
        m.put("privacy.sampling-rate", privacy.samplingRate());
        m.put("privacy.steps", (double) privacy.steps());
        return m;
    }
}
