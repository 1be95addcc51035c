package dev.genlab.plugin.datasets;

/**
 * Settings of the {@code heart-disease} dataset.
 *
 * @param grades keep the diagnosis {@code num} as the source grades it (0 = no disease, 1–4 = disease) instead of
 *               absent/present
 */
public record HeartDiseaseConfig(boolean grades) {
}
