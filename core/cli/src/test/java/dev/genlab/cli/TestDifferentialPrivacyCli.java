package dev.genlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code mst} and {@code dp-tvae} generators through the command line: their user errors, and the budget a run records. */
class TestDifferentialPrivacyCli {
    @TempDir
    Path dir;

    @Test
    void mstOnADatasetWithoutAPublicDomainIsALocatedErrorAndWritesNothing() throws IOException {
        Files.writeString(dir.resolve("people.csv"), "age,sex\n30,F\n41,M\n52,F\n33,M\n28,F\n61,M\n45,F\n39,M\n50,F\n47,M\n");
        Path conf = Files.writeString(dir.resolve("csv-mst.conf"), "dataset {\n  type = csv\n  path = people.csv\n}\nmodel { type = mst }\n");
        Path runs = dir.resolve("runs");
        TestCli.Result r = TestCli.genlab("run", conf.toString(), "--runs", runs.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains(conf + ":2: dataset.type: mst takes every bound and category from the dataset's public domain, "
                + "and this dataset declares none; use a dataset that declares one (adult, heart-disease, breast-cancer, diabetes)"), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
        assertFalse(Files.exists(runs), "no run was started");
    }

    @Test
    void aimOnADatasetWithoutAPublicDomainAndABadDegreeAreLocatedErrorsAndWriteNothing() throws IOException {
        Files.writeString(dir.resolve("people.csv"), "age,sex\n30,F\n41,M\n52,F\n33,M\n28,F\n61,M\n45,F\n39,M\n50,F\n47,M\n");
        Path conf = Files.writeString(dir.resolve("csv-aim.conf"), "dataset {\n  type = csv\n  path = people.csv\n}\nmodel {\n  type = aim\n  degree = 4\n}\n");
        Path runs = dir.resolve("runs");
        TestCli.Result r = TestCli.genlab("run", conf.toString(), "--runs", runs.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains(conf + ":7: model.degree: must be 2 (every 2-way marginal) or 3 (every 3-way marginal), got 4"), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
        assertFalse(Files.exists(runs), "no run was started");
        Files.writeString(conf, "dataset {\n  type = csv\n  path = people.csv\n}\nmodel { type = aim }\n");
        r = TestCli.genlab("run", conf.toString(), "--runs", runs.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains(conf + ":2: dataset.type: aim takes every bound and category from the dataset's public domain, "
                + "and this dataset declares none"), r.err());
        assertFalse(Files.exists(runs), "no run was started");
    }

    @Test
    void aBadBudgetIsALocatedError() throws IOException {
        Path conf = Files.writeString(dir.resolve("eps.conf"), "dataset { type = heart-disease }\nmodel {\n  type = mst\n  epsilon = 0\n}\n");
        TestCli.Result r = TestCli.genlab("validate", conf.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains(conf + ":4: model.epsilon: must be a positive finite number, got 0.0"), r.err());
    }

    @Test
    void aRunRecordsTheBudgetItSpent() throws IOException {
        Path runs = dir.resolve("runs");
        TestCli.Result r = TestCli.genlab("run", TestCli.EXPERIMENTS.resolve("heart-disease-mst.conf").toString(), "--runs", runs.toString());
        assertEquals(0, r.exitCode(), r.out() + r.err());
        List<Path> metrics;
        try (Stream<Path> s = Files.walk(runs)) {
            metrics = s.filter(p -> p.getFileName().toString().equals("metrics.jsonl")).toList();
        }
        assertEquals(1, metrics.size(), metrics.toString());
        Matcher m = Pattern.compile("\"key\":\"privacy.epsilon-spent\",\"value\":([0-9.eE-]+)").matcher(Files.readString(metrics.get(0)));
        assertTrue(m.find(), "privacy.epsilon-spent is logged");
        double spent = Double.parseDouble(m.group(1));
        assertTrue(spent <= 1.0 && spent > 0.999, "spent " + spent + " of epsilon = 1.0");
        // a result of the run like the metrics' values: results.json, a tag, the summary, the score card, the report
        Path run = metrics.get(0).getParent();
        assertTrue(Files.readString(run.resolve("results.json")).contains("\"privacy.epsilon-spent\" : " + m.group(1))
                || Files.readString(run.resolve("results.json")).contains("\"privacy.epsilon-spent\":" + m.group(1)), Files.readString(run.resolve("results.json")));
        assertTrue(Files.readString(run.resolve("tags.json")).contains("privacy.epsilon-spent"), Files.readString(run.resolve("tags.json")));
        String shown = String.format(java.util.Locale.ROOT, "%.4f", spent);
        assertTrue(r.out().contains("  privacy.epsilon-spent = " + shown + " (recorded by the model)"), r.out());
        assertTrue(Files.readString(run.resolve("artifacts/report/report.html")).contains("privacy.epsilon-spent = " + shown), "report");
        assertFalse(r.out().contains("warning"), r.out());
        // mst's budget gets the score card's budget row as dp-tvae's does: spent within the configured epsilon passes
        assertTrue(Pattern.compile("\\| budget \\| budget.epsilon-spent \\| [0-9.]+ \\| 0 \\| \\*\\*pass\\*\\* \\|")
                .matcher(Files.readString(run.resolve("tags.json"))).find(), Files.readString(run.resolve("tags.json")));
    }

    @Test
    void boundsFromThePrivateDataOnlyWhenAskedAndTheRunSaysSo() throws IOException {
        Files.writeString(dir.resolve("people.csv"), "age,sex\n30,F\n41,M\n52,F\n33,M\n28,F\n61,M\n45,F\n39,M\n50,F\n47,M\n");
        Path conf = Files.writeString(dir.resolve("csv-mst.conf"), "dataset {\n  type = csv\n  path = people.csv\n}\nsplit { test = 0.3 }\n"
                + "model {\n  type = mst\n  domain-from-data = true\n  delta = 1e-9\n}\n");
        assertDomainFromDataRecorded(conf, "mst");
    }

    /**
     * Runs {@code conf} and checks that the model's reading of both columns' bounds from the private rows is said in
     * the summary, under the score card, in run.json, as a tag and as a result.
     */
    private void assertDomainFromDataRecorded(Path conf, String model) throws IOException {
        Path runs = dir.resolve("runs");
        TestCli.Result r = TestCli.genlab("run", conf.toString(), "--runs", runs.toString());
        assertEquals(0, r.exitCode(), r.out() + r.err());
        String warning = model + " read the bounds or categories of 2 column(s) from the private training data (model.domain-from-data = true): "
                + "age, sex; the differential privacy guarantee does not cover them";
        assertTrue(r.out().contains("  warning     " + warning), r.out());
        assertTrue(r.out().contains("  warning: " + warning), "under the score card: " + r.out());
        List<Path> runJson;
        try (Stream<Path> s = Files.walk(runs)) {
            runJson = s.filter(p -> p.getFileName().toString().equals("run.json")).toList();
        }
        assertTrue(Files.readString(runJson.get(0)).contains(warning), "run.json records it");
        assertTrue(Files.readString(runJson.get(0).resolveSibling("tags.json")).contains("genlab.warnings"), "a tag");
        assertTrue(Files.readString(runJson.get(0).resolveSibling("results.json")).contains("privacy.domain-from-data"), "the result");
    }

    @Test
    void dpTvaesBadSettingsAreLocatedErrors() throws IOException {
        Path conf = Files.writeString(dir.resolve("dp.conf"),
                "dataset { type = heart-disease }\nmodel {\n  type = dp-tvae\n  epsilon = 0\n  delta = 1\n  clip-norm = -1\n}\n");
        TestCli.Result r = TestCli.genlab("validate", conf.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains(conf + ":4: model.epsilon: must be a positive finite number, got 0.0"), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    }

    @Test
    void aDpTvaeNoiseMultiplierThatOverspendsIsRefusedBeforeAnythingRuns() throws IOException {
        Path conf = Files.writeString(dir.resolve("sigma.conf"),
                "dataset { type = heart-disease }\nmodel {\n  type = dp-tvae\n  epochs = 2\n  noise-multiplier = 0.2\n}\n");
        Path runs = dir.resolve("runs");
        TestCli.Result r = TestCli.genlab("run", conf.toString(), "--runs", runs.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains(conf + ":5: model.noise-multiplier: 0.2 would spend epsilon"), r.err());
        assertTrue(r.err().contains("more than epsilon = 3.0; raise it to at least"), r.err());
        assertFalse(Files.exists(runs), "no run was started");
    }

    @Test
    void aDpTvaeRunRecordsTheBudgetItSpent() throws IOException {
        Path conf = Files.writeString(dir.resolve("dp-run.conf"), "name = dp-run\nseed = 1\ndataset { type = heart-disease }\n"
                + "model { type = dp-tvae, device = cpu, epochs = 2, batch-size = 50, compress-dims = [16], decompress-dims = [16], embedding-dim = 4 }\n"
                + "sample { rows = 50 }\nmetrics = []\n");
        Path runs = dir.resolve("runs");
        TestCli.Result r = TestCli.genlab("run", conf.toString(), "--runs", runs.toString());
        assertEquals(0, r.exitCode(), r.out() + r.err());
        List<Path> metrics;
        try (Stream<Path> s = Files.walk(runs)) {
            metrics = s.filter(p -> p.getFileName().toString().equals("metrics.jsonl")).toList();
        }
        assertEquals(1, metrics.size(), metrics.toString());
        String logged = Files.readString(metrics.get(0));
        Matcher m = Pattern.compile("\"key\":\"privacy.epsilon-spent\",\"value\":([0-9.eE-]+)").matcher(logged);
        assertTrue(m.find(), "privacy.epsilon-spent is logged");
        double spent = Double.parseDouble(m.group(1));
        assertTrue(spent <= 3.0 && spent > 2.999, "spent " + spent + " of the default epsilon = 3.0");
        for (String key : List.of("privacy.delta", "privacy.noise-multiplier", "privacy.clip-norm", "privacy.sampling-rate", "privacy.steps")) {
            assertTrue(logged.contains("\"key\":\"" + key + "\""), key + " is logged");
        }
        // and the budget is a run tag (local tags.json, MLflow) and a field of the run record
        Path run = metrics.get(0).getParent();
        String tags = Files.readString(run.resolve("tags.json"));
        assertTrue(Pattern.compile("\"genlab.privacy.epsilon-spent\"\\s*:\\s*\"" + Pattern.quote(Double.toString(spent)) + "\"").matcher(tags).find(), tags);
        assertTrue(tags.contains("\"genlab.privacy.noise-multiplier\""), tags);
        assertTrue(Files.readString(run.resolve("run.json")).contains("\"privacy.epsilon-spent\""), "run.json has the budget");
        // and a score-card row that passes when the spent epsilon is within the configured one
        assertTrue(tags.contains("| budget | budget.epsilon-spent | "), tags);
        assertTrue(Pattern.compile("\\| budget \\| budget.epsilon-spent \\| [0-9.]+ \\| 0 \\| \\*\\*pass\\*\\* \\|").matcher(tags).find(), tags);
        // the encoding comes from heart-disease's public domain: nothing read from the data, so no warning
        assertFalse(Files.readString(run.resolve("run.json")).contains("domain-from-data"), "run.json has no domain-from-data warning");
        assertFalse(r.out().contains("warning"), r.out());
    }

    @Test
    void dpTvaeOnADatasetWithoutAPublicDomainIsALocatedErrorAndWritesNothing() throws IOException {
        Files.writeString(dir.resolve("people.csv"), "age,sex\n30,F\n41,M\n52,F\n33,M\n28,F\n61,M\n45,F\n39,M\n50,F\n47,M\n");
        Path conf = Files.writeString(dir.resolve("csv-dp-tvae.conf"), "dataset {\n  type = csv\n  path = people.csv\n}\nmodel { type = dp-tvae }\n");
        Path runs = dir.resolve("runs");
        TestCli.Result r = TestCli.genlab("run", conf.toString(), "--runs", runs.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains(conf + ":2: dataset.type: dp-tvae takes every bound and category from the dataset's public domain, "
                + "and this dataset declares none; use a dataset that declares one (adult, heart-disease, breast-cancer, diabetes), "
                + "or set model.domain-from-data = true"), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
        assertFalse(Files.exists(runs), "no run was started");
    }

    @Test
    void dpTvaesEncodingFromThePrivateDataOnlyWhenAskedAndTheRunSaysSo() throws IOException {
        Files.writeString(dir.resolve("people.csv"), "age,sex\n30,F\n41,M\n52,F\n33,M\n28,F\n61,M\n45,F\n39,M\n50,F\n47,M\n");
        Path conf = Files.writeString(dir.resolve("csv-dp-tvae.conf"), "dataset {\n  type = csv\n  path = people.csv\n}\nsplit { test = 0.3 }\n"
                + "model { type = dp-tvae, device = cpu, epochs = 1, batch-size = 5, compress-dims = [8], decompress-dims = [8], embedding-dim = 2,"
                + " domain-from-data = true, delta = 1e-9 }\nsample { rows = 20 }\nmetrics = []\n");
        assertDomainFromDataRecorded(conf, "dp-tvae");
    }
}
