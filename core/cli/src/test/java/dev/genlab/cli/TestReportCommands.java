package dev.genlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code genlab report} and {@code genlab compare} on real runs of the showcase experiment. */
class TestReportCommands {
    @TempDir
    Path dir;

    private List<String> runIds(Path runs) throws IOException {
        try (Stream<Path> s = Files.list(runs)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void reportAndCompareExistingRuns() throws IOException {
        Path runs = dir.resolve("runs");
        String file = TestCli.EXPERIMENTS.resolve("adult-copula.conf").toString();
        for (String[] settings : new String[][] {{"1", "empirical"}, {"2", "empirical"}, {"1", "gaussian"}}) {
            TestCli.Result r = TestCli.genlab("run", file, "--runs", runs.toString(), "-q", "--set", "sample.rows=1000",
                    "--set", "seed=" + settings[0], "--set", "model.numeric-marginal=" + settings[1]);
            assertEquals(0, r.exitCode(), r.out() + r.err());
        }
        List<String> ids = runIds(runs);
        assertEquals(3, ids.size());

        Path page = runs.resolve(ids.get(0)).resolve("artifacts/report/report.html");
        Files.delete(page);
        TestCli.Result report = TestCli.genlab("report", ids.get(0).substring(0, ids.get(0).length() - 2), "--runs", runs.toString());
        assertEquals(0, report.exitCode(), report.out() + report.err());
        assertEquals(page.toAbsolutePath().normalize().toString(), report.out().strip(), "prints the page's path");
        assertTrue(Files.readString(page).contains("data:image/png;base64,"));

        Path csv = dir.resolve("out/comparison.csv");
        Path json = dir.resolve("out/comparison.json");
        TestCli.Result compare = TestCli.genlab("compare", ids.get(0), ids.get(1), ids.get(2), "--runs", runs.toString(),
                "--csv", csv.toString(), "--json", json.toString());
        assertEquals(0, compare.exitCode(), compare.out() + compare.err());
        String out = compare.out();
        assertTrue(out.contains("3 runs in 2 settings"), out);
        assertTrue(out.contains("model.numeric-marginal=empirical") && out.contains("model.numeric-marginal=gaussian"), out);
        assertTrue(out.matches("(?s).*fidelity\\.overall +↑ higher .*"), out);
        assertTrue(out.contains("score card"), out);
        assertTrue(out.contains("★"), out);
        assertTrue(out.contains("best setting"), out);
        List<String> lines = Files.readAllLines(csv);
        assertEquals("metric,family,goal,setting,n,mean,std,min,max,rank,excluded", lines.get(0));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("fidelity.overall,fidelity,maximise,model.numeric-marginal=empirical,2,")), lines.toString());
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        assertEquals(2, root.get("settings").size());
        assertEquals(2, root.get("settings").get(0).get("runs").size());

        TestCli.Result byExperiment = TestCli.genlab("compare", "--experiment", "adult-copula", "--runs", runs.toString());
        assertEquals(0, byExperiment.exitCode(), byExperiment.err());
        assertTrue(byExperiment.out().contains("3 runs in 2 settings"), byExperiment.out());
    }

    @Test
    void unknownRunsAreUserErrors() {
        TestCli.Result report = TestCli.genlab("report", "nope", "--runs", dir.toString());
        assertEquals(Main.USER_ERROR, report.exitCode());
        assertTrue(report.err().contains("no run 'nope'"), report.err());
        TestCli.Result compare = TestCli.genlab("compare", "--runs", dir.toString());
        assertEquals(Main.USER_ERROR, compare.exitCode());
        assertTrue(compare.err().contains("RUN_ID"), compare.err());
        TestCli.Result experiment = TestCli.genlab("compare", "--experiment", "none", "--runs", dir.toString());
        assertEquals(Main.USER_ERROR, experiment.exitCode());
        assertTrue(experiment.err().contains("no runs of experiment 'none'"), experiment.err());
    }
}
