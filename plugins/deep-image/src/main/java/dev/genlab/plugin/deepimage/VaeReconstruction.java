package dev.genlab.plugin.deepimage;

/** The likelihood of the {@code vae} decoder. */
public enum VaeReconstruction {
    /** Pixels scaled to [0, 1] as Bernoulli probabilities (binary cross-entropy with logits); samples are the means. */
    BERNOULLI,
    /** Pixels scaled to [-1, 1], Gaussian around a tanh mean with one learned standard deviation. */
    GAUSSIAN
}
