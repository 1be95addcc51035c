package dev.genlab.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TestPublicDomain {
    private static final Table PEOPLE = Table.of(
            Schema.of(Column.integer("age"), Column.categorical("sex", List.of("F", "M"))),
            List.of(new double[] {30, Double.NaN, 130}, new int[] {0, 1, Table.MISSING_CODE}));

    private static PublicDomain domain(ColumnDomain age, ColumnDomain sex) {
        Map<String, ColumnDomain> m = new LinkedHashMap<>();
        m.put("age", age);
        m.put("sex", sex);
        return new PublicDomain(m, "test");
    }

    @Test
    void namesEveryValueOutsideItsDomain() {
        PublicDomain d = domain(ColumnDomain.range(0, 120), ColumnDomain.categories(List.of("F")));
        assertEquals(List.of(
                "column 'age' row 1 is missing, which its domain does not allow",
                "column 'age' row 2 is 130.0, outside [0.0, 120.0]",
                "column 'sex' has levels [M] outside its domain [F]",
                "column 'sex' row 2 is missing, which its domain does not allow"), d.violations(PEOPLE, 10));
        assertEquals(2, d.violations(PEOPLE, 2).size(), "stops at the limit");
    }

    @Test
    void acceptsDataInsideItsDomain() {
        PublicDomain d = domain(ColumnDomain.range(0, 130).orMissing(), ColumnDomain.categories(List.of("F", "M", "X")).orMissing());
        assertEquals(List.of(), d.violations(PEOPLE, 10));
    }

    @Test
    void aColumnWithoutADomainOrOfTheWrongKindIsNamed() {
        PublicDomain d = new PublicDomain(Map.of("age", ColumnDomain.categories(List.of("young"))), "test");
        assertEquals(List.of("column 'age' is NUMERIC but its domain is [young]", "column 'sex' has no declared domain"), d.violations(PEOPLE, 10));
        PublicDomain withoutSex = domain(ColumnDomain.range(0, 200).orMissing(), ColumnDomain.categories(List.of("F", "M"))).without(List.of("sex"));
        assertEquals(List.of("age"), List.copyOf(withoutSex.columns().keySet()));
        assertEquals(List.of("column 'sex' has no declared domain"), withoutSex.violations(PEOPLE, 10));
    }

    @Test
    void rejectsMalformedDomains() {
        assertThrows(IllegalArgumentException.class, () -> ColumnDomain.range(2, 1));
        assertThrows(IllegalArgumentException.class, () -> ColumnDomain.categories(List.of()));
        assertThrows(IllegalArgumentException.class, () -> ColumnDomain.categories(List.of("a", "a")));
        assertEquals("no public domain for column 'zip'; declared: [age, sex]",
                assertThrows(IllegalArgumentException.class, () -> domain(ColumnDomain.range(0, 1), ColumnDomain.range(0, 1)).column("zip")).getMessage());
    }
}
