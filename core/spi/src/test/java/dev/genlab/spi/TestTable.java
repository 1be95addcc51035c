package dev.genlab.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TestTable {
    private final Schema schema = Schema.of(Column.integer("age"), Column.categorical("sex", List.of("F", "M")));

    @Test
    void storesValuesAndMissing() {
        Table t = Table.of(schema, List.of(new double[] {30, Double.NaN, 41}, new int[] {0, 1, Table.MISSING_CODE}));
        assertEquals(3, t.rowCount());
        assertEquals("30", t.text(0, 0));
        assertNull(t.text(0, 1));
        assertEquals("M", t.text(1, 1));
        assertTrue(t.isMissing(1, 2));
        assertEquals(Modality.TABULAR, t.modality());
    }

    @Test
    void negativeZeroIsZero() {
        Table t = Table.of(schema, List.of(new double[] {-0.0, 0.0, Double.NaN}, new int[] {0, 1, 0}));
        assertEquals(0, Double.compare(0.0, t.numeric(0, 0)), "-0.0 is stored as 0.0");
        assertEquals(t, Table.of(schema, List.of(new double[] {0.0, 0.0, Double.NaN}, new int[] {0, 1, 0})));
        assertTrue(Double.isNaN(t.numeric(0, 2)));
    }

    @Test
    void isImmutable() {
        double[] age = {1, 2};
        Table t = Table.of(schema, List.of(age, new int[] {0, 1}));
        age[0] = 99;
        t.numericColumn(0)[1] = 99;
        assertEquals(1.0, t.numeric(0, 0));
        assertEquals(2.0, t.numeric(0, 1));
    }

    @Test
    void selectsRows() {
        Table t = Table.of(schema, List.of(new double[] {1, 2, 3}, new int[] {0, 1, 0}));
        Table s = t.rows(new int[] {2, 2, 0});
        assertEquals(3.0, s.numeric(0, 1));
        assertEquals(1.0, s.numeric(0, 2));
        assertEquals(0, s.code(1, 0));
    }

    @Test
    void rejectsBadInput() {
        IllegalArgumentException ragged = assertThrows(IllegalArgumentException.class,
                () -> Table.of(schema, List.of(new double[] {1, 2}, new int[] {0})));
        assertEquals("column 'sex' has 1 rows, others have 2", ragged.getMessage());
        IllegalArgumentException code = assertThrows(IllegalArgumentException.class,
                () -> Table.of(schema, List.of(new double[] {1}, new int[] {2})));
        assertEquals("column 'sex': code 2 is outside its 2 levels", code.getMessage());
        assertThrows(IllegalArgumentException.class, () -> schema.withTarget("income"));
    }
}
