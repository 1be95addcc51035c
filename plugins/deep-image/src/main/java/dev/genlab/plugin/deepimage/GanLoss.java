package dev.genlab.plugin.deepimage;

/**
 * Adversarial objective of the {@code dcgan} model. WGAN-GP is not offered: its gradient penalty needs double
 * back-propagation through the convolutions, which DJL does not expose (djl-common's {@code Critic} writes the
 * input gradient in closed form for MLPs only).
 */
public enum GanLoss {
    /** Non-saturating GAN loss (Goodfellow et al. 2014): binary cross-entropy with logits. */
    STANDARD,
    /** Hinge loss (Lim and Ye 2017; Miyato et al. 2018). */
    HINGE
}
