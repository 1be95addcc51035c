package dev.genlab.plugin.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genlab.spi.Column;
import dev.genlab.spi.LoadedData;
import dev.genlab.spi.Table;
import dev.genlab.testkit.TestContexts;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The expected counts are independent of this code: {@code python3 -c "import csv,gzip; ..."} over the gzipped
 * files (counting '?' per column and labels with {@code collections.Counter}), cross-checked with
 * {@code zcat adult-train.csv.gz | awk -F, 'NR>1 && $2=="?"' | wc -l}.
 */
class TestAdultDataset {
    private static LoadedData standard;

    @BeforeAll
    static void loadDefaults() {
        standard = load(new AdultConfig(AdultConfig.Part.TRAIN, List.of(), Optional.empty()));
    }

    private static LoadedData load(AdultConfig config) {
        return new AdultDataset(config).load(TestContexts.dataset(Path.of(".")));
    }

    private static int missing(Table t, String column) {
        int i = t.schema().requireIndex(column);
        int n = 0;
        for (int r = 0; r < t.rowCount(); r++) {
            n += t.isMissing(i, r) ? 1 : 0;
        }
        return n;
    }

    private static int count(Table t, String column, String level) {
        int code = t.schema().column(column).codeOf(level);
        int n = 0;
        for (int c : t.codes(column)) {
            n += c == code ? 1 : 0;
        }
        return n;
    }

    @Test
    void trainAndOfficialTestShareOneSchema() {
        Table train = standard.data().asTable();
        Table test = standard.test().orElseThrow().asTable();
        assertEquals(32_561, train.rowCount());
        assertEquals(16_281, test.rowCount());
        assertEquals(train.schema(), test.schema());
        assertEquals(15, train.columnCount());
        assertEquals(Optional.of("income"), train.schema().target());
        assertEquals(List.of("sex", "race"), train.schema().sensitive());
        // Holand-Netherlands occurs in adult.data only; test codes still index the same 41 levels
        assertEquals(41, test.schema().column("native-country").levels().size());
        assertEquals(0, count(test, "native-country", "Holand-Netherlands"));
        assertEquals(List.of("Female", "Male"), train.schema().column("sex").levels());
        assertEquals(List.of("Amer-Indian-Eskimo", "Asian-Pac-Islander", "Black", "Other", "White"), train.schema().column("race").levels());
    }

    @Test
    void incomeLabelsAreNormalised() {
        Table train = standard.data().asTable();
        Table test = standard.test().orElseThrow().asTable();
        assertEquals(List.of("<=50K", ">50K"), train.schema().column("income").levels(), "no trailing dots from adult.test");
        assertEquals(24_720, count(train, "income", "<=50K"));
        assertEquals(7_841, count(train, "income", ">50K"));
        assertEquals(12_435, count(test, "income", "<=50K"));
        assertEquals(3_846, count(test, "income", ">50K"));
        for (Column c : train.schema().columns()) {
            for (String level : c.levels()) {
                assertFalse(level.endsWith(".") || level.isBlank() || level.equals("?"), c.name() + " level '" + level + "'");
            }
        }
    }

    @Test
    void questionMarksAreMissingValues() {
        Table train = standard.data().asTable();
        Table test = standard.test().orElseThrow().asTable();
        assertEquals(1_836, missing(train, "workclass"));
        assertEquals(1_843, missing(train, "occupation"));
        assertEquals(583, missing(train, "native-country"));
        assertEquals(963, missing(test, "workclass"));
        assertEquals(966, missing(test, "occupation"));
        assertEquals(274, missing(test, "native-country"));
        assertEquals(0, missing(train, "age") + missing(train, "sex") + missing(train, "income"));
    }

    @Test
    void wholeNumberColumnsAreIntegral() {
        Table train = standard.data().asTable();
        for (String name : List.of("age", "fnlwgt", "education-num", "capital-gain", "capital-loss", "hours-per-week")) {
            assertEquals(Column.integer(name), train.schema().column(name));
        }
        assertEquals(39.0, train.numeric(train.schema().requireIndex("age"), 0));
    }

    @Test
    void partsDropsAndLimits() {
        LoadedData limited = load(new AdultConfig(AdultConfig.Part.ALL, List.of("fnlwgt"), Optional.of(100)));
        Table all = limited.data().asTable();
        assertEquals(100, all.rowCount());
        assertEquals(14, all.columnCount());
        assertFalse(all.schema().has("fnlwgt"));
        assertTrue(limited.test().isEmpty());

        Table both = load(new AdultConfig(AdultConfig.Part.ALL, List.of(), Optional.empty())).data().asTable();
        assertEquals(48_842, both.rowCount());
        assertEquals(7_841 + 3_846, count(both, "income", ">50K"));

        LoadedData test = load(new AdultConfig(AdultConfig.Part.TEST, List.of(), Optional.empty()));
        assertEquals(16_281, test.data().size());
        assertTrue(test.test().isEmpty());
        assertEquals(standard.data().asTable().schema(), test.data().asTable().schema());

        LoadedData quick = load(new AdultConfig(AdultConfig.Part.TRAIN, List.of(), Optional.of(500)));
        assertEquals(500, quick.data().size());
        assertEquals(500, quick.test().orElseThrow().size(), "max-rows limits the provided test set too");
    }

    @Test
    void droppingASensitiveColumnDropsItsDefaultRole() {
        Table t = load(new AdultConfig(AdultConfig.Part.TRAIN, List.of("sex"), Optional.of(10))).data().asTable();
        assertFalse(t.schema().has("sex"));
        assertEquals(List.of("race"), t.schema().sensitive());
        assertEquals(Optional.of("income"), t.schema().target());
    }
}
