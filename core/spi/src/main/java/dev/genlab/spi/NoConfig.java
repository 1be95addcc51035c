package dev.genlab.spi;

/** The config of a plugin that has no settings. */
public record NoConfig() {
}
