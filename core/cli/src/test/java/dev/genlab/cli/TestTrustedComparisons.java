package dev.genlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small sweep on Adult with the bundled metrics, end to end through the command: every measure is ranked by the
 * goal its metric declared, information is never ranked, the score card is printed and reported, and a split that
 * leaves too little data is warned about at validate time and never ranked.
 */
class TestTrustedComparisons {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    @Test
    void aSweepRanksEveryMeasureByItsDeclaredGoal() throws IOException {
        Path f = write("sweep.conf", """
                name = trust
                dataset { type = adult, target = income, sensitive = [sex], max-rows = 1500 }
                model { type = copula }
                sample { rows = 600 }
                metrics = [fidelity, privacy, detection, fairness, diversity]
                sweep { model.numeric-marginal = [empirical, gaussian], seeds = [1, 2], parallelism = 1 }
                """);
        Path runs = dir.resolve("runs");
        TestCli.Result r = TestCli.genlab("run", f.toString(), "--runs", runs.toString(), "-q");
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("score card (best setting per family"), r.out());
        Path parent;
        try (Stream<Path> s = Files.list(runs)) {
            parent = s.filter(p -> p.getFileName().toString().contains("-sweep-")).findFirst().orElseThrow();
        }
        List<String> csv = Files.readAllLines(parent.resolve("artifacts/comparison.csv"));
        assertEquals("metric,family,goal,setting,n,mean,std,min,max,rank,excluded", csv.get(0));
        assertRow(csv, "detection.auc,detection,target:0.5,", true);
        assertRow(csv, "privacy.mia.auc,privacy,target:0.5,", true);
        assertRow(csv, "fairness.amplification.dp_difference,fairness,target:0,", true);
        assertRow(csv, "fidelity.overall,fidelity,maximise,", true);
        assertRow(csv, "privacy.exact_copy_rate,privacy,minimise,", true);
        assertRow(csv, "privacy.train_rows,privacy,information,", false);
        assertRow(csv, "fairness.share.sex.female.real,fairness,information,", false);
        assertTrue(csv.stream().skip(1).noneMatch(l -> l.split(",")[2].equals("unknown")), "every bundled measure is declared");
        String report = Files.readString(parent.resolve("artifacts/report/report.html"));
        assertTrue(report.contains("id=\"scorecard\""), "the sweep report starts with the score card");

        TestCli.Result compare = TestCli.genlab("compare", parent.getFileName().toString(), "--runs", runs.toString());
        assertEquals(0, compare.exitCode(), compare.err());
        assertTrue(compare.out().matches("(?s).*detection\\.auc +→ 0\\.5000 .*"), compare.out());
        assertTrue(compare.out().contains("score card"), compare.out());
    }

    /** Every row of the metric has a rank when {@code ranked} (it is a score), none when it is information. */
    private static void assertRow(List<String> csv, String prefix, boolean ranked) {
        List<String> rows = csv.stream().filter(l -> l.startsWith(prefix)).toList();
        assertEquals(2, rows.size(), prefix + " in " + String.join("\n", csv.subList(0, Math.min(csv.size(), 40))));
        for (String row : rows) {
            String[] cells = row.split(",", -1);
            assertEquals(ranked, !cells[9].isEmpty(), row);
        }
    }

    @Test
    void aSplitThatLeavesTooLittleDataIsWarnedAboutAndNeverRanked() throws IOException {
        Path f = write("tiny.conf", """
                dataset { type = adult, target = income, sensitive = [sex], max-rows = 400 }
                model { type = copula }
                split { test = 0.99 }
                metrics = [fidelity]
                """);
        TestCli.Result v = TestCli.genlab("validate", f.toString());
        assertEquals(0, v.exitCode(), v.out() + v.err());
        assertTrue(v.out().contains("warning: metric 'fidelity' needs at least"), v.out());
        assertTrue(v.out().contains("(the split gives 4)"), v.out());
        Path runs = dir.resolve("runs");
        TestCli.Result r = TestCli.genlab("run", f.toString(), "--runs", runs.toString(), "-q");
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("the run is marked degenerate and never ranked"), r.out());
    }
}
