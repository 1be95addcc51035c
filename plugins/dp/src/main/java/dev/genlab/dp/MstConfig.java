package dev.genlab.dp;

import dev.genlab.spi.PluginConfigException;

/**
 * Settings of the {@code mst} model.
 *
 * @param epsilon the privacy budget ε the whole fit may spend
 * @param delta   the δ of the (ε, δ) guarantee; keep it well below 1 / (training rows)
 * @param bins    equal-width bins per numeric column, over the range its public domain declares
 * @param domainFromData read the bounds and categories of columns without a public domain from the training rows
 *                (outside the privacy guarantee; the run says so)
 * @param estimator  how the model is estimated from the noisy measurements: {@code tree} (closed form for the
 *                   spanning tree, the default) or {@code private-pgm} (the paper's Private-PGM, mirror descent)
 * @param iterations mirror-descent iterations of {@code private-pgm}
 */
public record MstConfig(double epsilon, double delta, int bins, boolean domainFromData, String estimator, int iterations) {
    public static final String TREE = "tree";
    public static final String PRIVATE_PGM = "private-pgm";

    /** The tree estimator (the defaults of {@code reference.conf} for the two estimator keys). */
    public MstConfig(double epsilon, double delta, int bins, boolean domainFromData) {
        this(epsilon, delta, bins, domainFromData, TREE, 1000);
    }

    public MstConfig {
        if (!TREE.equals(estimator) && !PRIVATE_PGM.equals(estimator)) {
            throw new PluginConfigException("estimator", "must be one of: tree, private-pgm; got '" + estimator + "'");
        }
        if (iterations < 1 || iterations > 100_000) {
            throw new PluginConfigException("iterations", "must be between 1 and 100000, got " + iterations);
        }
        if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
            throw new PluginConfigException("epsilon", "must be a positive finite number, got " + epsilon);
        }
        if (!(delta > 0 && delta < 1)) {
            throw new PluginConfigException("delta", "must be in (0, 1), got " + delta);
        }
        if (bins < 1 || bins > 1000) {
            throw new PluginConfigException("bins", "must be between 1 and 1000, got " + bins);
        }
    }
}
