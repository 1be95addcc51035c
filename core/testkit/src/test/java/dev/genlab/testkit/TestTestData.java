package dev.genlab.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genlab.spi.Column;
import dev.genlab.spi.Table;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TestTestData {
    @Test
    void buildsATableFromValuesWithRolesAndMissingValues() {
        Table t = TestData.table().numeric("age", 30.5, null, 41.0).integer("hours", 40.0, 38.0, 20.0).categorical("sex", "F", "M", null)
                .target("sex").sensitive("sex").build();
        assertEquals(List.of(Column.numeric("age"), Column.integer("hours"), Column.categorical("sex", List.of("F", "M"))), t.schema().columns());
        assertEquals(Optional.of("sex"), t.schema().target());
        assertEquals(List.of("sex"), t.schema().sensitive());
        assertTrue(t.isMissing(0, 1));
        assertTrue(t.isMissing(2, 2));
        assertEquals("M", t.text(2, 1));
    }

    @Test
    void refusesRaggedColumnsAndUnknownLevels() {
        IllegalArgumentException ragged = assertThrows(IllegalArgumentException.class, () -> TestData.table().numeric("a", 1.0, 2.0).numeric("b", 1.0));
        assertEquals("column 'b' has 1 values, the columns before it 2", ragged.getMessage());
        IllegalArgumentException level = assertThrows(IllegalArgumentException.class,
                () -> TestData.table().categorical("sex", List.of("F", "M"), "F", "X"));
        assertEquals("'X' is not a level of column 'sex' [F, M]", level.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TestData.table().integer("n", 1.5));
    }

    @Test
    void theMixedTableIsSeededAndHasBothIncomeClasses() {
        Table t = TestData.mixed(200, 7);
        assertEquals(t, TestData.mixed(200, 7));
        assertEquals(200, t.rowCount());
        assertEquals(Optional.of("income"), t.schema().target());
        int[] income = t.codes("income");
        long high = java.util.Arrays.stream(income).filter(c -> c == t.schema().column("income").codeOf("high")).count();
        assertTrue(high > 20 && high < 180, "both classes well represented: " + high);
        assertEquals(List.of("a", "b"), TestData.corpus("a", "b").documents());
    }
}
