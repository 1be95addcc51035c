package dev.genlab.spi;

/** Version of this plugin contract. Additions keep it; a breaking change increments it. */
public final class SpiVersion {
    /** Current version. A compile-time constant on purpose: plugins inline the value they were built with. */
    public static final int CURRENT = 1;

    /**
     * Where a plugin's jar records the SPI version it was compiled against: {@link SpiVersionRecorder}, an annotation
     * processor in this artifact, writes {@link #CURRENT} there whenever javac compiles against it. The runtime reads
     * it from the jar of each plugin class and refuses a plugin recorded for a newer SPI, whether or not the plugin
     * overrides {@link Plugin#spiVersion()} (a default method's body comes from the runtime's own SPI).
     */
    public static final String RESOURCE = "META-INF/genlab/spi-version";

    private SpiVersion() {
    }
}
