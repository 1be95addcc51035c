package dev.genlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TestTextTable {
    @Test
    void fitsTheWidthByCuttingTheWidestColumnsButNotFixedOnes() {
        TextTable t = new TextTable("id", "status", "note").fixed(0);
        t.row("20261206-041206-adult-copula-sweep-d93c89", "FINISHED", "a long note that does not fit in forty columns at all");
        String out = t.render(70, Style.current());
        for (String line : out.split("\n")) {
            assertEquals(true, line.length() <= 70, line);
        }
        assertEquals("20261206-041206-adult-copula-sweep-d93c89  FINISHED  a long note that…", out.split("\n")[2]);
        assertEquals(List.of("id", "status", "note"), List.of(new TextTable("id", "status", "note").render(0, Style.current()).split("\n")[0].split(" +")));
    }

    @Test
    void fitStopsAtEightCharacters() {
        int[] widths = {30, 30};
        TextTable.fit(widths, 10, Set.of());
        assertEquals(8, widths[0]);
        assertEquals(8, widths[1]);
    }

    @Test
    void realVersusSyntheticPutsTheLargestChangesFirst() {
        Map<String, Double> results = new java.util.TreeMap<>(Map.of(
                "f.a.real", 0.5, "f.a.synthetic", 0.52,
                "f.b.real", 0.1, "f.b.synthetic", 0.6, "f.b.change", 0.5,
                "f.c.real", 0.3, "f.c.synthetic", 0.1));
        List<List<String>> rows = RunCommand.realVersusSynthetic(results);
        assertEquals(List.of("f.b", "f.c", "f.a"), rows.stream().map(r -> r.get(0)).toList());
        assertEquals(List.of("f.b", "0.1000", "0.6000", "0.5000"), rows.get(0));
    }

    @Test
    void numbersReadAlike() {
        assertEquals("2100", RunCommand.format(2100.0));
        assertEquals("0.9685", RunCommand.format(0.96851));
        assertEquals("0.0007362", RunCommand.format(0.00073621));
        assertEquals("22793.5000", RunCommand.format(22793.5));
        assertEquals("n/a", RunCommand.format(Double.NaN));
    }
}
