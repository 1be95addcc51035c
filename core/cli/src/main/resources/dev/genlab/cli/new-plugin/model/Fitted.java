package {{package}};

import dev.genlab.spi.Column;
import dev.genlab.spi.Data;
import dev.genlab.spi.FittedModel;
import dev.genlab.spi.SchemaCodec;
import dev.genlab.spi.Table;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** The fitted {@code {{name}}}: the training rows, each column's spread, and the noise. */
final class Fitted{{Name}} implements FittedModel {
    static final String FILE = "{{name}}.bin";

    private final Table table;
    private final double noise;
    private final double[] spread;

    Fitted{{Name}}(Table table, double noise) {
        this.table = table;
        this.noise = noise;
        this.spread = new double[table.columnCount()];
        for (int c = 0; c < table.columnCount(); c++) {
            if (table.schema().column(c).isNumeric()) {
                spread[c] = standardDeviation(table.numericColumn(c));
            }
        }
    }

    /** Every draw comes from {@code seed}: one seed, one sample. */
    @Override
    public Data sample(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Object> columns = new ArrayList<>();
        for (int c = 0; c < table.columnCount(); c++) {
            Column column = table.schema().column(c);
            if (column.isNumeric()) {
                double[] values = new double[n];
                for (int r = 0; r < n; r++) {
                    double v = table.numeric(c, random.nextInt(table.rowCount()));
                    if (!Double.isNaN(v) && noise > 0) {
                        v += noise * spread[c] * gaussian(random);
                    }
                    values[r] = column.integral() ? Math.rint(v) : v;
                }
                columns.add(values);
            } else {
                int[] codes = new int[n];
                for (int r = 0; r < n; r++) {
                    codes[r] = table.code(c, random.nextInt(table.rowCount()));
                }
                columns.add(codes);
            }
        }
        return Table.of(table.schema(), columns);
    }

    /** Everything {@code load} needs: the noise and the training rows with their schema. */
    @Override
    public void save(Path directory) throws IOException {
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(directory.resolve(FILE)))) {
            out.writeDouble(noise);
            SchemaCodec.writeTable(table, out);
        }
    }

    private static double gaussian(SplittableRandom random) {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    private static double standardDeviation(double[] values) {
        double sum = 0;
        double squares = 0;
        int n = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                sum += v;
                squares += v * v;
                n++;
            }
        }
        return n < 2 ? 0 : Math.sqrt(Math.max(0, (squares - sum * sum / n) / (n - 1)));
    }
}
