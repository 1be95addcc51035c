package dev.genlab.plugin.datasets;

import dev.genlab.spi.DataException;
import dev.genlab.spi.Dataset;
import dev.genlab.spi.DatasetContext;
import dev.genlab.spi.LoadedData;
import dev.genlab.spi.PluginConfigException;
import dev.genlab.spi.Table;
import dev.genlab.spi.Utf8;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/** Any CSV file as a table. */
public final class CsvDataset implements Dataset {
    private final CsvConfig config;

    @Inject
    public CsvDataset(CsvConfig config) {
        this.config = config;
    }

    @Override
    public LoadedData load(DatasetContext context) {
        byte[] bytes = context.readFile("path", config.path());
        Table table = read(bytes, config.path(), config);
        return LoadedData.of(table, "csv: " + context.resolve(config.path()));
    }

    /** Reads CSV bytes as configured; {@code source} names the file in messages. */
    static Table read(byte[] bytes, String source, CsvConfig config) {
        if (bytes.length == 0) {
            throw new DataException(source, "the file is empty; expected " + (config.header() ? "a header line and " : "") + "data rows");
        }
        String text = Utf8.decode(bytes, source);
        List<CsvFormat.Row> rows = CsvFormat.parse(text, config.delimiter().charAt(0), source);
        if (rows.isEmpty()) {
            throw new DataException(source, "the file has no data, only blank lines");
        }
        List<String> header = new ArrayList<>();
        long headerLine = 1;
        if (config.header()) {
            CsvFormat.Row first = rows.remove(0);
            headerLine = first.line();
            for (String h : first.fields()) {
                header.add(h.trim());
            }
            if (rows.isEmpty()) {
                throw new DataException(source, headerLine, "the file has a header but no data rows");
            }
        } else {
            for (int i = 1; i <= rows.get(0).fields().length; i++) {
                header.add("column" + i);
            }
        }
        for (String name : config.columns().keySet()) {
            if (!header.contains(name)) {
                // a config problem, not a data one: the runtime points at the 'columns' line of the experiment file
                throw new PluginConfigException("columns", "column '" + name + "' is declared but " + source + " has no such column; columns: "
                        + String.join(", ", header));
            }
        }
        return TableReader.read(source, headerLine, config.header(), header, rows, new HashSet<>(config.missing()), config.columns(), config.maxCategories(), Map.of());
    }
}
