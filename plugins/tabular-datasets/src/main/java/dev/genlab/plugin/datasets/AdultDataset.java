package dev.genlab.plugin.datasets;

import dev.genlab.spi.Column;
import dev.genlab.spi.ColumnDomain;
import dev.genlab.spi.Data;
import dev.genlab.spi.DataException;
import dev.genlab.spi.Dataset;
import dev.genlab.spi.DatasetContext;
import dev.genlab.spi.LoadedData;
import dev.genlab.spi.PublicDomain;
import dev.genlab.spi.Schema;
import dev.genlab.spi.Table;
import dev.genlab.spi.Utf8;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * UCI Adult, bundled (CC BY 4.0, see NOTICE.txt beside the data). Train and test share one schema: each
 * categorical column's levels are the union over both files, so codes mean the same in both. The test file's
 * labels lose their trailing dot ({@code >50K.} is {@code >50K}).
 */
public final class AdultDataset implements Dataset {
    static final List<String> COLUMNS = List.of("age", "workclass", "fnlwgt", "education", "education-num", "marital-status", "occupation",
            "relationship", "race", "sex", "capital-gain", "capital-loss", "hours-per-week", "native-country", "income");
    private static final Set<String> INTEGER = Set.of("age", "fnlwgt", "education-num", "capital-gain", "capital-loss", "hours-per-week");
    /** Default sensitive roles (the runtime replaces them when the experiment names its own); dropped ones are left out. */
    private static final List<String> SENSITIVE = List.of("sex", "race");
    private static final Set<String> MISSING = Set.of("?");
    private static final String TRAIN = "adult/adult-train.csv.gz";
    private static final String TEST = "adult/adult-test.csv.gz";

    /**
     * adult.names: the category sets as listed there; age over 16 (the extraction kept AAGE &gt; 16) up to the CPS
     * top code 90; education-num indexes the 16 education levels; the capital fields are CPS five-digit amounts
     * (top code 99999); hours-per-week 1 to the CPS top code 99; fnlwgt has no published bound (see the README).
     */
    static final PublicDomain DOMAIN = new PublicDomain(domain(), "UCI adult.names (Kohavi & Becker 1996) and the CPS coding it derives from; "
            + "plugins/tabular-datasets/README.md");

    private final AdultConfig config;

    @Inject
    public AdultDataset(AdultConfig config) {
        this.config = config;
    }

    @Override
    public LoadedData load(DatasetContext context) {
        List<CsvFormat.Row> train = rows(TRAIN);
        List<CsvFormat.Row> test = rows(TEST);
        for (CsvFormat.Row r : test) {
            String label = r.fields()[COLUMNS.size() - 1];
            if (label.endsWith(".")) {
                r.fields()[COLUMNS.size() - 1] = label.substring(0, label.length() - 1);
            }
        }
        Map<String, ColumnKind> kinds = new LinkedHashMap<>();
        Map<String, Set<String>> levels = new HashMap<>();
        for (String c : COLUMNS) {
            kinds.put(c, INTEGER.contains(c) ? ColumnKind.INTEGER : ColumnKind.CATEGORICAL);
        }
        for (List<CsvFormat.Row> part : List.of(train, test)) {
            for (CsvFormat.Row r : part) {
                for (int c = 0; c < COLUMNS.size(); c++) {
                    String v = r.fields()[c].trim();
                    if (kinds.get(COLUMNS.get(c)) == ColumnKind.CATEGORICAL && !MISSING.contains(v)) {
                        levels.computeIfAbsent(COLUMNS.get(c), k -> new HashSet<>()).add(v);
                    }
                }
            }
        }
        Table trainTable = shape(TableReader.read(TRAIN, 1, true, COLUMNS, train, MISSING, kinds, 1000, levels));
        Table testTable = shape(TableReader.read(TEST, 1, true, COLUMNS, test, MISSING, kinds, 1000, levels));
        String trainSource = "bundled UCI Adult adult.data (" + train.size() + " rows, CC BY 4.0)";
        String testSource = "bundled UCI Adult adult.test (" + test.size() + " rows, CC BY 4.0)";
        return switch (config.part()) {
            case TRAIN -> new LoadedData(limit(trainTable), Optional.<Data>of(limit(testTable)), List.of(trainSource, testSource));
            case TEST -> new LoadedData(limit(testTable), Optional.empty(), List.of(testSource));
            case ALL -> new LoadedData(limit(concat(trainTable, testTable)), Optional.empty(), List.of(trainSource, testSource));
        };
    }

    @Override
    public Optional<PublicDomain> publicDomain() {
        return Optional.of(DOMAIN.without(config.dropColumns()));
    }

    private static Map<String, ColumnDomain> domain() {
        Map<String, ColumnDomain> d = new LinkedHashMap<>();
        d.put("age", ColumnDomain.range(17, 90));
        d.put("workclass", ColumnDomain.categories(List.of("Private", "Self-emp-not-inc", "Self-emp-inc", "Federal-gov", "Local-gov",
                "State-gov", "Without-pay", "Never-worked")).orMissing());
        d.put("fnlwgt", ColumnDomain.range(0, 1_500_000));
        d.put("education", ColumnDomain.categories(List.of("Bachelors", "Some-college", "11th", "HS-grad", "Prof-school", "Assoc-acdm",
                "Assoc-voc", "9th", "7th-8th", "12th", "Masters", "1st-4th", "10th", "Doctorate", "5th-6th", "Preschool")));
        d.put("education-num", ColumnDomain.range(1, 16));
        d.put("marital-status", ColumnDomain.categories(List.of("Married-civ-spouse", "Divorced", "Never-married", "Separated", "Widowed",
                "Married-spouse-absent", "Married-AF-spouse")));
        d.put("occupation", ColumnDomain.categories(List.of("Tech-support", "Craft-repair", "Other-service", "Sales", "Exec-managerial",
                "Prof-specialty", "Handlers-cleaners", "Machine-op-inspct", "Adm-clerical", "Farming-fishing", "Transport-moving",
                "Priv-house-serv", "Protective-serv", "Armed-Forces")).orMissing());
        d.put("relationship", ColumnDomain.categories(List.of("Wife", "Own-child", "Husband", "Not-in-family", "Other-relative", "Unmarried")));
        d.put("race", ColumnDomain.categories(List.of("White", "Asian-Pac-Islander", "Amer-Indian-Eskimo", "Other", "Black")));
        d.put("sex", ColumnDomain.categories(List.of("Female", "Male")));
        d.put("capital-gain", ColumnDomain.range(0, 99_999));
        d.put("capital-loss", ColumnDomain.range(0, 99_999));
        d.put("hours-per-week", ColumnDomain.range(1, 99));
        d.put("native-country", ColumnDomain.categories(List.of("United-States", "Cambodia", "England", "Puerto-Rico", "Canada", "Germany",
                "Outlying-US(Guam-USVI-etc)", "India", "Japan", "Greece", "South", "China", "Cuba", "Iran", "Honduras", "Philippines",
                "Italy", "Poland", "Jamaica", "Vietnam", "Mexico", "Portugal", "Ireland", "France", "Dominican-Republic", "Laos", "Ecuador",
                "Taiwan", "Haiti", "Columbia", "Hungary", "Guatemala", "Nicaragua", "Scotland", "Thailand", "Yugoslavia", "El-Salvador",
                "Trinadad&Tobago", "Peru", "Hong", "Holand-Netherlands")).orMissing());
        d.put("income", ColumnDomain.categories(List.of(">50K", "<=50K")));
        return d;
    }

    /** Drops configured columns and sets Adult's roles. */
    private Table shape(Table table) {
        List<Column> keep = new ArrayList<>();
        List<Object> arrays = new ArrayList<>();
        for (int c = 0; c < table.columnCount(); c++) {
            Column column = table.schema().column(c);
            if (config.dropColumns().contains(column.name())) {
                continue;
            }
            keep.add(column);
            arrays.add(column.isNumeric() ? table.numericColumn(c) : table.codes(c));
        }
        List<String> sensitive = SENSITIVE.stream().filter(c -> !config.dropColumns().contains(c)).toList();
        Schema schema = Schema.of(keep).withTarget("income").withSensitive(sensitive);
        return Table.of(schema, arrays);
    }

    private Table limit(Table t) {
        return config.maxRows().map(t::head).orElse(t);
    }

    private static Table concat(Table a, Table b) {
        int[] rows = new int[a.rowCount() + b.rowCount()];
        List<Object> arrays = new ArrayList<>();
        for (int c = 0; c < a.columnCount(); c++) {
            if (a.schema().column(c).isNumeric()) {
                double[] x = Arrays.copyOf(a.numericColumn(c), rows.length);
                System.arraycopy(b.numericColumn(c), 0, x, a.rowCount(), b.rowCount());
                arrays.add(x);
            } else {
                int[] x = Arrays.copyOf(a.codes(c), rows.length);
                System.arraycopy(b.codes(c), 0, x, a.rowCount(), b.rowCount());
                arrays.add(x);
            }
        }
        return Table.of(a.schema(), arrays);
    }

    private static List<CsvFormat.Row> rows(String resource) {
        try (InputStream in = AdultDataset.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new DataException(resource, "bundled file is missing from the plugin jar");
            }
            byte[] bytes;
            try (GZIPInputStream gz = new GZIPInputStream(in)) {
                bytes = gz.readAllBytes();
            }
            List<CsvFormat.Row> rows = CsvFormat.parse(Utf8.decode(bytes, resource), ',', resource);
            List<String> header = Arrays.asList(rows.remove(0).fields());
            if (!header.equals(COLUMNS)) {
                throw new DataException(resource, 1, "unexpected header " + header + "; expected " + COLUMNS);
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bundled " + resource, e);
        }
    }
}
