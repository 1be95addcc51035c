package dev.genlab.spi;

/** Version of this plugin contract. Additions keep it; a breaking change increments it. */
public final class SpiVersion {
    /** Current version. A compile-time constant on purpose: plugins inline the value they were built with. */
    public static final int CURRENT = 1;

    private SpiVersion() {
    }
}
