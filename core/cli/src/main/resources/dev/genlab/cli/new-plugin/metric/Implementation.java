package {{package}};

import dev.genlab.spi.Column;
import dev.genlab.spi.Data;
import dev.genlab.spi.DataProblems;
import dev.genlab.spi.EvaluationInput;
import dev.genlab.spi.Metric;
import dev.genlab.spi.MetricResult;
import dev.genlab.spi.PluginContext;
import dev.genlab.spi.Schema;
import dev.genlab.spi.Table;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How far the synthetic mean of each numeric column is from the real one, in standard deviations of the real column.
 * It compares with the training rows, the data the model learnt from: a measure of faithfulness. A measure of what
 * the model generalises (utility, privacy against held-out rows) compares with {@code input.test()} instead.
 */
public final class {{Class}} implements Metric {
    private final {{Name}}Config config;

    @Inject
    public {{Class}}({{Name}}Config config) {
        this.config = config;
    }

    /** Called by 'genlab validate' and 'genlab run' before training: a column the settings name must be there. */
    @Override
    public void check(Data train, DataProblems problems) {
        Schema schema = train.asTable().schema();
        List<String> numeric = numericColumns(schema);
        for (String c : config.columns()) {
            if (!numeric.contains(c)) {
                problems.setting("columns", (schema.has(c) ? "column '" + c + "' is not numeric" : "no column '" + c + "'")
                        + " (numeric columns: " + String.join(", ", numeric) + ")");
            }
        }
    }

    @Override
    public MetricResult evaluate(EvaluationInput input, PluginContext context) {
        check(input.train(), DataProblems.throwing());
        Table real = input.train().asTable();
        Table synthetic = input.synthetic().asTable();
        List<String> columns = config.columns().isEmpty() ? numericColumns(real.schema()) : config.columns();
        Map<String, Double> values = new LinkedHashMap<>();
        double sum = 0;
        for (String column : columns) {
            double[] r = real.numericColumn(column);
            double spread = standardDeviation(r);
            double gap = Math.abs(mean(synthetic.numericColumn(column)) - mean(r)) / (spread > 0 ? spread : 1);
            values.put("gap." + column, gap);
            sum += gap;
        }
        values.put("overall", columns.isEmpty() ? Double.NaN : sum / columns.size());
        return new MetricResult(values, "overall");
    }

    private static List<String> numericColumns(Schema schema) {
        List<String> out = new ArrayList<>();
        for (Column c : schema.columns()) {
            if (c.isNumeric()) {
                out.add(c.name());
            }
        }
        return out;
    }

    private static double mean(double[] values) {
        double sum = 0;
        int n = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                sum += v;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    private static double standardDeviation(double[] values) {
        double m = mean(values);
        double squares = 0;
        int n = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                squares += (v - m) * (v - m);
                n++;
            }
        }
        return n < 2 ? 0 : Math.sqrt(squares / (n - 1));
    }
}
