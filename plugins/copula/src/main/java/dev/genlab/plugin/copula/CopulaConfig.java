package dev.genlab.plugin.copula;

import dev.genlab.spi.PluginConfigException;

/**
 * Settings of the Gaussian copula model; defaults in {@code reference.conf} under {@code genlab.model.copula}.
 *
 * @param numericMarginal       distribution of each numeric column on its own
 * @param correlatedMissingness model "value is missing" as a latent indicator correlated with the other columns
 *                              (false: each column's values go missing independently, at its training rate)
 * @param clipToRange           keep sampled numeric values within the training range (only matters for
 *                              {@link NumericMarginal#GAUSSIAN}; empirical marginals never leave it)
 * @param minEigenvalue         when the estimated correlation matrix is not positive definite, its eigenvalues are
 *                              raised to at least this before it is rescaled to a correlation matrix
 * @param minAcceptanceRate     conditional sampling gives up when fewer than this fraction of draws satisfy the
 *                              conditions
 */
public record CopulaConfig(
        NumericMarginal numericMarginal,
        boolean correlatedMissingness,
        boolean clipToRange,
        double minEigenvalue,
        double minAcceptanceRate) {

    public CopulaConfig {
        if (numericMarginal == null) {
            throw new PluginConfigException("numeric-marginal", "must be one of empirical, gaussian");
        }
        if (!(minEigenvalue > 0 && minEigenvalue < 1)) {
            throw new PluginConfigException("min-eigenvalue", "must be greater than 0 and less than 1, was " + minEigenvalue);
        }
        if (!(minAcceptanceRate > 0 && minAcceptanceRate <= 1)) {
            throw new PluginConfigException("min-acceptance-rate", "must be greater than 0 and at most 1, was " + minAcceptanceRate);
        }
    }

    /** The defaults of {@code reference.conf}. */
    public static CopulaConfig defaults() {
        return new CopulaConfig(NumericMarginal.EMPIRICAL, true, true, 1e-6, 1e-3);
    }
}
