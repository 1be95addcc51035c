package {{package}};

import dev.genlab.spi.Column;
import dev.genlab.spi.Dataset;
import dev.genlab.spi.DatasetContext;
import dev.genlab.spi.LoadedData;
import dev.genlab.spi.Schema;
import dev.genlab.spi.Table;
import jakarta.inject.Inject;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generates a table from the run's seed: numbers x and y with the configured correlation, and a group that depends on
 * x (the default target). A dataset reading a file would resolve its path with {@code context.readFile("path", …)},
 * which reports a missing file at the setting's line. Replace it with your data.
 */
public final class {{Class}} implements Dataset {
    private final {{Name}}Config config;

    @Inject
    public {{Class}}({{Name}}Config config) {
        this.config = config;
    }

    @Override
    public LoadedData load(DatasetContext context) {
        SplittableRandom random = context.random("rows");
        int n = config.rows();
        double[] x = new double[n];
        double[] y = new double[n];
        int[] group = new int[n];
        double c = config.correlation();
        for (int i = 0; i < n; i++) {
            x[i] = gaussian(random);
            y[i] = c * x[i] + Math.sqrt(1 - c * c) * gaussian(random);
            group[i] = x[i] + 0.5 * gaussian(random) > 0 ? 1 : 0;
        }
        Schema schema = Schema.of(Column.numeric("x"), Column.numeric("y"), Column.categorical("group", List.of("low", "high")))
                .withTarget("group");
        return LoadedData.of(Table.of(schema, List.of(x, y, group)),
                "generated: " + n + " rows, correlation " + c + ", seed " + context.seed());
    }

    private static double gaussian(SplittableRandom random) {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
