package dev.genlab.plugin.deeptabular;

/** Small settings per model, so the tests train in a second or two. */
final class ModelSettings {
    private ModelSettings() {
    }

    static final String GAN = "device = cpu, epochs = 3, batch-size = 100, latent-dim = 16, generator-dims = [32, 32], "
            + "discriminator-dims = [32, 32], discriminator-steps = 2";
    static final String CTGAN = "device = cpu, epochs = 3, batch-size = 100, embedding-dim = 16, generator-dims = [32, 32], "
            + "discriminator-dims = [32, 32]";
    static final String TVAE = "device = cpu, epochs = 3, batch-size = 100, embedding-dim = 8, compress-dims = [32, 32], "
            + "decompress-dims = [32, 32]";
    static final String DDPM = "device = cpu, epochs = 3, batch-size = 128, timesteps = 40, dims = [32, 32], time-embedding-dim = 16";

    static String of(String model) {
        return switch (model) {
            case "gan" -> GAN;
            case "ctgan" -> CTGAN;
            case "tvae" -> TVAE;
            case "ddpm" -> DDPM;
            default -> throw new IllegalArgumentException(model);
        };
    }
}
