package dev.genlab.plugin.deepimage;

/** Small settings per model, so the tests train in well under a second per fit. */
final class ModelSettings {
    private ModelSettings() {
    }

    static final String VAE = "device = cpu, epochs = 2, batch-size = 32, latent-dim = 4, channels = 8";
    static final String DCGAN = "device = cpu, epochs = 2, batch-size = 32, latent-dim = 8, generator-channels = 8, discriminator-channels = 8, grid-every = 0";
    static final String DDPM = "device = cpu, epochs = 2, batch-size = 32, steps = 20, channels = 8, blocks = 1, time-embedding-dim = 16";

    static String of(String model) {
        return switch (model) {
            case "vae" -> VAE;
            case "dcgan" -> DCGAN;
            case "image-ddpm" -> DDPM;
            default -> throw new IllegalArgumentException(model);
        };
    }
}
