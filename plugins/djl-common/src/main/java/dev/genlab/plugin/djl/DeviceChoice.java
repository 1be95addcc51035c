package dev.genlab.plugin.djl;

/** Where a model trains: {@code auto} (a GPU if the engine sees one, else the CPU), {@code cpu} or {@code gpu}. */
public enum DeviceChoice {
    AUTO,
    CPU,
    GPU
}
