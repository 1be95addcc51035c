package dev.genlab.plugin.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genlab.spi.Column;
import dev.genlab.spi.DataException;
import dev.genlab.spi.LoadedData;
import dev.genlab.spi.PluginConfigException;
import dev.genlab.spi.Table;
import dev.genlab.testkit.TestContexts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestCsvDataset {
    private static final CsvConfig DEFAULTS = new CsvConfig("data.csv", ",", true, List.of("", "?", "NA"), Map.of(), 1000);

    @TempDir
    Path directory;

    private static Table read(String csv) {
        return read(csv, DEFAULTS);
    }

    private static Table read(String csv, CsvConfig config) {
        return CsvDataset.read(csv.getBytes(StandardCharsets.UTF_8), "data.csv", config);
    }

    private static String error(String csv) {
        return error(csv.getBytes(StandardCharsets.UTF_8), DEFAULTS);
    }

    private static String error(String csv, CsvConfig config) {
        return error(csv.getBytes(StandardCharsets.UTF_8), config);
    }

    private static String error(byte[] bytes, CsvConfig config) {
        return assertThrows(DataException.class, () -> CsvDataset.read(bytes, "data.csv", config)).located();
    }

    private static CsvConfig declaring(Map<String, ColumnKind> columns) {
        return new CsvConfig("data.csv", ",", true, List.of("", "?", "NA"), columns, 1000);
    }

    @Test
    void infersColumnKinds() {
        Table t = read("age,score,city\n30,1.5,Oslo\n41,2,Bergen\n?,3e2,Oslo\n");
        assertEquals(List.of(Column.integer("age"), Column.numeric("score"), Column.categorical("city", List.of("Bergen", "Oslo"))), t.schema().columns());
        assertTrue(t.isMissing(0, 2));
        assertEquals(300.0, t.numeric(1, 2));
        assertEquals("Oslo", t.text(2, 0));
    }

    @Test
    void aColumnWithAWordIsCategoricalAndKeepsItsNumbersAsLevels() {
        Table t = read("code\n10\n9\nx\n");
        assertEquals(List.of("10", "9", "x"), t.schema().column("code").levels(), "sorted as text");
    }

    @Test
    void levelsDoNotDependOnRowOrder() {
        Table a = read("c\nb\nc\na\nb\n");
        Table b = read("c\na\nc\nb\nb\n");
        assertEquals(List.of("a", "b", "c"), a.schema().column("c").levels());
        assertEquals(a.schema(), b.schema());
    }

    @Test
    void readsQuotedFields() {
        Table t = read("name,note\n\"Smith, J\",\"said \"\"hi\"\"\"\nLee,\"two\nlines\"\n\"\",x\n");
        assertEquals("Smith, J", t.text(0, 0));
        assertEquals("said \"hi\"", t.text(1, 0));
        assertEquals("two\nlines", t.text(1, 1));
        assertTrue(t.isMissing(0, 2), "a quoted empty field is the missing token \"\"");
    }

    @Test
    void readsCrlfBomBlankLinesAndOtherDelimiters() {
        Table t = read("\uFEFFa;b\r\n1;x\r\n\r\n2;y\r\n", new CsvConfig("data.csv", ";", true, List.of(""), Map.of(), 1000));
        assertEquals(List.of("a", "b"), t.schema().names());
        assertEquals(2, t.rowCount());
        assertEquals("y", t.text(1, 1));
    }

    @Test
    void namesColumnsWhenThereIsNoHeader() {
        Table t = read("1,x\n2,y\n", new CsvConfig("data.csv", ",", false, List.of(""), Map.of(), 1000));
        assertEquals(List.of(Column.integer("column1"), Column.categorical("column2", List.of("x", "y"))), t.schema().columns());
    }

    @Test
    void appliesDeclaredKinds() {
        CsvConfig config = new CsvConfig("data.csv", ";", true, List.of(""), Map.of("zip", ColumnKind.CATEGORICAL, "n", ColumnKind.NUMERIC), 1000);
        Table t = read("zip;n;k\n0150;1;2\n0150;2;3\n", config);
        assertEquals(List.of(Column.categorical("zip", List.of("0150")), Column.numeric("n"), Column.integer("k")), t.schema().columns());
        assertEquals("0150", t.text(0, 1), "a declared categorical keeps leading zeros");
    }

    @Test
    void nonFiniteTokensListedAsMissingAreMissing() {
        Table t = read("x\n1\nNaN\n", new CsvConfig("data.csv", ",", true, List.of("NaN"), Map.of(), 1000));
        assertEquals(Column.integer("x"), t.schema().column(0));
        assertTrue(t.isMissing(0, 1));
    }

    @Test
    void nonFiniteTokensAreOnlyErrorsInNumericColumns() {
        Table t = read("x\nNaN\nabc\n");
        assertEquals(List.of("NaN", "abc"), t.schema().column("x").levels(), "in a text column NaN is just a word");
        assertEquals("data.csv:2: column 'x': 'NaN' is not a finite number; list it in 'missing' to read it as a missing value",
                error("x\nNaN\n1\n-inf\n"), "the first bad line of a numeric column is named");
    }

    @Test
    void aColumnWithOneValueIsFine() {
        Table t = read("a,b\n1,x\n1,x\n1,x\n");
        assertEquals(List.of("x"), t.schema().column("b").levels());
        assertEquals(3, t.rowCount());
    }

    @Test
    void anEmptyColumnIsNumericAndAllMissing() {
        Table t = read("a,b\n1,\n2,\n");
        assertTrue(t.schema().column("b").isNumeric());
        assertTrue(t.isMissing(1, 0) && t.isMissing(1, 1));
    }

    @Test
    void badInputIsLocated() {
        assertEquals("data.csv: the file is empty; expected a header line and data rows", error(""));
        assertEquals("data.csv: the file has no data, only blank lines", error("\n\r\n\n"));
        assertEquals("data.csv:1: the file has a header but no data rows", error("a,b\n"));
        assertEquals("data.csv:3: line has 1 field but the header has 2", error("a,b\n1,2\n3\n"));
        assertEquals("data.csv:4: line has 3 fields but the header has 2", error("a,b\n1,\"x\ny\"\n3,4,5\n"), "physical line after a multi-line field");
        assertEquals("data.csv:2: line has 1 field but the first row has 2",
                error("1,2\n3\n", new CsvConfig("data.csv", ",", false, List.of(""), Map.of(), 1000)));
        assertEquals("data.csv:4: column 'x': 'NaN' is not a finite number; list it in 'missing' to read it as a missing value",
                error("x,y\n1,a\n2,b\nNaN,c\n"));
        assertEquals("data.csv:2: column 'x': 'inf' is not a finite number; list it in 'missing' to read it as a missing value", error("x\ninf\n3\n"));
        assertEquals("data.csv:3: column 'x': '-Infinity' is not a finite number; list it in 'missing' to read it as a missing value",
                error("x\n1\n-Infinity\n"));
        assertEquals("data.csv:3: column 'x': '1e999' is too large for a number", error("x\n1\n1e999\n"));
        assertEquals("data.csv:1: duplicate column name 'a' (columns 1 and 3)", error("a,b,a\n1,2,3\n"));
        assertEquals("data.csv:1: column 2 of the header has no name", error("a,,c\n1,2,3\n"));
        assertEquals("data.csv:2: a quoted field starting on this line is never closed", error("a\n\"open\n"));
        assertEquals("data.csv:2: unexpected character 'x' after a closing quote", error("a,b\n\"q\"x,1\n"));
        byte[] latin1 = "name\nJos\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals("data.csv:2: byte 0xE9 (byte 4 of the line) is not valid UTF-8; save the file as UTF-8", error(latin1, DEFAULTS));
        assertEquals("data.csv:3: column 'n': 'abc' is not a number (the column is declared numeric)",
                error("n,c\n1,a\nabc,b\n", declaring(Map.of("n", ColumnKind.NUMERIC))));
        assertEquals("data.csv:3: column 'n': 'abc' is not a number (the column is declared integer)",
                error("n\n1\nabc\n", declaring(Map.of("n", ColumnKind.INTEGER))));
        assertEquals("data.csv:2: column 'n': '1.5' is not a whole number (the column is declared integer)",
                error("n\n1.5\n", declaring(Map.of("n", ColumnKind.INTEGER))));
        assertEquals("data.csv:1: column 'c' has 3 distinct values, more than max-categories = 2; declare it numeric in 'columns', drop it, or raise max-categories",
                error("c\nx\ny\nz\n", new CsvConfig("data.csv", ",", true, List.of(""), Map.of(), 2)));
    }

    @Test
    void aDeclaredColumnMissingFromTheFileIsAConfigProblem() {
        PluginConfigException e = assertThrows(PluginConfigException.class, () -> read("a,b\n1,2\n", declaring(Map.of("zip", ColumnKind.CATEGORICAL))));
        assertEquals("columns: column 'zip' is declared but data.csv has no such column; columns: a, b", e.key() + ": " + e.getMessage());
    }

    @Test
    void loadsAFileRelativeToTheExperiment() throws IOException {
        Files.createDirectories(directory.resolve("data"));
        Files.writeString(directory.resolve("data/people.csv"), "age,city\n31,Oslo\n45,Bergen\n");
        LoadedData data = new CsvDataset(new CsvConfig("data/people.csv", ",", true, List.of(""), Map.of(), 10)).load(TestContexts.dataset(directory));
        assertEquals(2, data.data().size());
        assertTrue(data.test().isEmpty());
        assertEquals(List.of("csv: " + directory.resolve("data/people.csv")), data.sources());
    }

    @Test
    void aMissingFileNamesTheResolvedPath() {
        PluginConfigException e = assertThrows(PluginConfigException.class,
                () -> new CsvDataset(new CsvConfig("nope.csv", ",", true, List.of(""), Map.of(), 10)).load(TestContexts.dataset(directory)));
        assertEquals("path", e.key());
        assertEquals("no such file 'nope.csv' (looked for " + directory.resolve("nope.csv") + ")", e.getMessage());
    }

    @Test
    void parsesOnlyPlainDecimals() {
        assertEquals(1.5, TableReader.parse("1.5"));
        assertEquals(-2e-3, TableReader.parse("-2e-3"));
        assertEquals(0.5, TableReader.parse(".5"));
        assertEquals(7.0, TableReader.parse("+7."));
        for (String s : List.of("1d", "0x10", "1,5", "e5", "-", "1e", "NaN", "Infinity", " 1", ".", "1.2.3")) {
            assertTrue(Double.isNaN(TableReader.parse(s)), s);
        }
    }
}
