package dev.genlab.plugin.deeptabular;

/** The adversarial objective of the {@code gan} model. */
public enum GanLoss {
    /** Goodfellow et al. 2014, with the non-saturating generator loss. */
    STANDARD,
    /** Wasserstein loss with a gradient penalty on the critic (Gulrajani et al. 2017). */
    WGAN_GP
}
