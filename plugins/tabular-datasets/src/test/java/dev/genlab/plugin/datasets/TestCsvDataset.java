package dev.genlab.plugin.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genlab.spi.Column;
import dev.genlab.spi.DataException;
import dev.genlab.spi.Table;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TestCsvDataset {
    private static final CsvConfig DEFAULTS = new CsvConfig("data.csv", ",", true, List.of("", "?", "NA"), Map.of(), 1000);

    private static Table read(String csv) {
        return CsvDataset.read(csv.getBytes(StandardCharsets.UTF_8), "data.csv", DEFAULTS);
    }

    private static String error(String csv) {
        return error(csv.getBytes(StandardCharsets.UTF_8), DEFAULTS);
    }

    private static String error(byte[] bytes, CsvConfig config) {
        return assertThrows(DataException.class, () -> CsvDataset.read(bytes, "data.csv", config)).located();
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
    void readsQuotedFields() {
        Table t = read("name,note\n\"Smith, J\",\"said \"\"hi\"\"\"\nLee,\"two\nlines\"\n");
        assertEquals("Smith, J", t.text(0, 0));
        assertEquals("said \"hi\"", t.text(1, 0));
        assertEquals("two\nlines", t.text(1, 1));
    }

    @Test
    void appliesDeclaredKinds() {
        CsvConfig config = new CsvConfig("data.csv", ";", true, List.of(""), Map.of("zip", ColumnKind.CATEGORICAL, "n", ColumnKind.NUMERIC), 1000);
        Table t = CsvDataset.read("zip;n\n0150;1\n0150;2\n".getBytes(StandardCharsets.UTF_8), "data.csv", config);
        assertEquals(List.of(Column.categorical("zip", List.of("0150")), Column.numeric("n")), t.schema().columns());
        assertEquals("0150", t.text(0, 1), "a declared categorical keeps leading zeros");
    }

    @Test
    void aColumnWithOneValueIsFine() {
        Table t = read("a,b\n1,x\n1,x\n1,x\n");
        assertEquals(List.of("x"), t.schema().column("b").levels());
        assertEquals(3, t.rowCount());
    }

    @Test
    void badInputIsLocated() {
        assertEquals("data.csv: the file is empty; expected a header line and data rows", error(""));
        assertEquals("data.csv:1: the file has a header but no data rows", error("a,b\n"));
        assertEquals("data.csv:3: line has 1 field but the header has 2", error("a,b\n1,2\n3\n"));
        assertEquals("data.csv:4: column 'x': 'NaN' is not a finite number; list it in 'missing' to read it as a missing value",
                error("x,y\n1,a\n2,b\nNaN,c\n"));
        assertEquals("data.csv:2: column 'x': 'inf' is not a finite number; list it in 'missing' to read it as a missing value", error("x\ninf\n3\n"));
        assertEquals("data.csv:1: duplicate column name 'a' (columns 1 and 3)", error("a,b,a\n1,2,3\n"));
        assertEquals("data.csv:2: a quoted field starting on this line is never closed", error("a\n\"open\n"));
        byte[] latin1 = "name\nJos\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals("data.csv:2: byte 0xE9 at column 4 is not valid UTF-8; save the file as UTF-8", error(latin1, DEFAULTS));
        CsvConfig declared = new CsvConfig("data.csv", ",", true, List.of(""), Map.of("n", ColumnKind.INTEGER), 1000);
        assertEquals("data.csv:3: column 'n': 'abc' is not a number (the column is declared integer)", error("n\n1\nabc\n".getBytes(StandardCharsets.UTF_8), declared));
        CsvConfig small = new CsvConfig("data.csv", ",", true, List.of(""), Map.of(), 2);
        assertEquals("data.csv:1: column 'c' has 3 distinct values, more than max-categories = 2; declare it numeric in 'columns', drop it, or raise max-categories",
                error("c\nx\ny\nz\n".getBytes(StandardCharsets.UTF_8), small));
    }

    @Test
    void parsesOnlyPlainDecimals() {
        assertEquals(1.5, TableReader.parse("1.5"));
        assertEquals(-2e-3, TableReader.parse("-2e-3"));
        assertEquals(0.5, TableReader.parse(".5"));
        for (String s : List.of("1d", "0x10", "1,5", "e5", "-", "1e", "NaN", "Infinity", " 1")) {
            assertTrue(Double.isNaN(TableReader.parse(s)), s);
        }
    }
}
