package dev.genlab.plugin.deeptabular;

import dev.genlab.plugin.djl.nn.Gaussians;
import dev.genlab.spi.Column;
import dev.genlab.spi.Dataset;
import dev.genlab.spi.DatasetContext;
import dev.genlab.spi.LoadedData;
import dev.genlab.spi.Schema;
import dev.genlab.spi.Seeds;
import dev.genlab.spi.Table;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Points {@code (x, y)} from a ring of Gaussians, the standard toy for mode collapse: a model that covers only
 * some modes shows it at once.
 */
public final class EightGaussiansDataset implements Dataset {
    private final EightGaussiansConfig config;

    @Inject
    public EightGaussiansDataset(EightGaussiansConfig config) {
        this.config = Objects.requireNonNull(config, "config is null");
    }

    @Override
    public LoadedData load(DatasetContext context) {
        return LoadedData.of(table(config), String.format(Locale.ROOT,
                "generated: ring of %d Gaussians, radius %s, std %s, %d rows, seed %d",
                config.modes(), config.radius(), config.std(), config.rows(), config.seed()));
    }

    /** The points; the same config gives the same table. */
    public static Table table(EightGaussiansConfig config) {
        SplittableRandom random = Seeds.random(config.seed(), "toy-8gaussians");
        double[] x = new double[config.rows()];
        double[] y = new double[config.rows()];
        for (int i = 0; i < config.rows(); i++) {
            double[] centre = centre(config, random.nextInt(config.modes()));
            x[i] = centre[0] + config.std() * Gaussians.next(random);
            y[i] = centre[1] + config.std() * Gaussians.next(random);
        }
        return Table.of(Schema.of(Column.numeric("x"), Column.numeric("y")), List.of(x, y));
    }

    /** Centre of mode {@code k}. */
    public static double[] centre(EightGaussiansConfig config, int k) {
        double angle = 2 * Math.PI * k / config.modes();
        return new double[] {config.radius() * Math.cos(angle), config.radius() * Math.sin(angle)};
    }
}
