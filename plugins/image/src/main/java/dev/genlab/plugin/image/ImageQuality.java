package dev.genlab.plugin.image;

import dev.genlab.spi.ArtifactSink;
import dev.genlab.spi.EvaluationInput;
import dev.genlab.spi.MetricResult;
import dev.genlab.spi.PluginContext;
import dev.genlab.spi.Progress;
import dev.genlab.spi.Seeds;
import dev.genlab.spi.Table;

import java.nio.file.Path;
import java.util.SplittableRandom;

/** The {@code image-quality} metric as one call, for tests and benchmarks outside a run. */
public final class ImageQuality {
    private ImageQuality() {
    }

    /** Evaluates with the default settings and the given seed; writes no grids. */
    public static MetricResult evaluate(Table train, Table test, Table synthetic, long seed) {
        ImageQualityConfig d = ImageQualityConfig.DEFAULTS;
        ImageQualityConfig noGrids = new ImageQualityConfig(d.maxImages(), d.k(), d.classMinShare(), d.classifierEpochs(), 0);
        return evaluate(train, test, synthetic, seed, noGrids);
    }

    /** Evaluates with {@code config} and the given seed; grid artifacts, if any, are discarded. */
    public static MetricResult evaluate(Table train, Table test, Table synthetic, long seed, ImageQualityConfig config) {
        return new ImageQualityMetric(config).evaluate(new EvaluationInput(train, test, synthetic), context(seed));
    }

    private static PluginContext context(long seed) {
        return new PluginContext() {
            @Override
            public long seed() {
                return seed;
            }

            @Override
            public SplittableRandom random(String purpose) {
                return Seeds.random(seed, purpose);
            }

            @Override
            public Progress progress(String task, long total, String unit) {
                return Progress.none();
            }

            @Override
            public ArtifactSink artifacts() {
                return new ArtifactSink() {
                    @Override
                    public void write(String path, byte[] content) {
                    }

                    @Override
                    public void copy(String path, Path file) {
                    }
                };
            }

            @Override
            public boolean isCancelled() {
                return false;
            }
        };
    }
}
