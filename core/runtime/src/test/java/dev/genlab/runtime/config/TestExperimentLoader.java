package dev.genlab.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genlab.runtime.UserException;
import dev.genlab.runtime.plugin.PluginRegistry;
import dev.genlab.runtime.testplugins.TestPlugins;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestExperimentLoader {
    private static final PluginRegistry REGISTRY = PluginRegistry.discover(List.of());

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    private List<String> errors(Path file, String... overrides) {
        ConfigErrors e = assertThrows(ConfigErrors.class, () -> new ExperimentLoader(REGISTRY).load(file, List.of(overrides)));
        String prefix = dir.toString() + java.io.File.separator;
        return e.problems().stream().map(p -> p.toString().replace(prefix, "")).toList();
    }

    @Test
    void bindsPluginConfigsOverDefaults() throws IOException {
        Path f = write("ok.conf", """
                name = demo
                seed = 7
                dataset { type = toy, rows = 50, target = label }
                model { type = bootstrap, noise = 0.5 }
                metrics = [mean-gap, { type = mean-gap, name = gap2 }]
                """);
        Experiment e = new ExperimentLoader(REGISTRY).load(f, List.of("model.epochs=9"));
        assertEquals("demo", e.name());
        assertEquals(7, e.seed());
        assertEquals(new TestPlugins.ToyConfig(50, TestPlugins.Shape.SMALL_TABLE, java.util.Optional.empty()), e.dataset().config());
        assertEquals(new TestPlugins.BootstrapConfig(9, 0.5, false), e.model().config());
        assertEquals(List.of("mean-gap", "gap2"), e.metrics().stream().map(PluginSpec::name).toList());
        assertEquals(java.util.Optional.of("label"), e.target());
        assertEquals(0.3, e.settings().split().test());
    }

    @Test
    void threeTyposGiveThreeLocatedErrors() throws IOException {
        Path f = write("typos.conf", """
                dataset { type = toy }
                model {
                  type = bootstrap
                  epoch = 3
                }
                split { tset = 0.2 }
                sample { rowz = 10 }
                """);
        assertEquals(List.of(
                "typos.conf:4: model.epoch: unknown key for model type 'bootstrap'; did you mean 'epochs'? (valid keys: epochs, noise, fail, sleep-ms)",
                "typos.conf:6: split.tset: unknown key for an experiment; did you mean 'test'? (valid keys: test, stratify, use-provided-test)",
                "typos.conf:7: sample.rowz: unknown key for an experiment; did you mean 'rows'? (valid keys: rows, conditions)"),
                sortByLine(errors(f)));
    }

    @Test
    void unknownTypesListTheChoices() throws IOException {
        Path f = write("types.conf", """
                dataset { type = toi }
                model { type = copula9 }
                metrics = [mean-gpa]
                """);
        assertEquals(List.of(
                "types.conf:1: dataset.type: unknown dataset type 'toi'; did you mean 'toy'? (dataset types: toy)",
                "types.conf:2: model.type: unknown model type 'copula9' (model types: bootstrap)",
                "types.conf:3: metrics[0].type: unknown metric type 'mean-gpa'; did you mean 'mean-gap'? (metric types: mean-gap)"),
                sortByLine(errors(f)));
    }

    @Test
    void wrongTypesAndBadValues() throws IOException {
        Path f = write("values.conf", """
                seed = lots
                dataset { type = toy, rows = -1, shape = round }
                model { type = bootstrap, epochs = 2.5, noise = [1], fail = maybe }
                split { test = 1.5 }
                sample { rows = 0 }
                """);
        assertEquals(List.of(
                "values.conf:1: seed: expected a whole number but got the string \"lots\"",
                "values.conf:2: dataset.shape: 'round' is not valid (valid values: small-table, constant-column)",
                "values.conf:3: model.epochs: expected an integer but got the number 2.5",
                "values.conf:3: model.noise: expected a number but got a list",
                "values.conf:3: model.fail: expected true or false but got the string \"maybe\"",
                "values.conf:4: split.test: must be a fraction strictly between 0 and 1, got 1.5",
                "values.conf:5: sample.rows: must be at least 1, got 0 (leave it out to sample as many rows as the training set)"),
                sortByLine(errors(f)));
    }

    @Test
    void pluginValidationIsLocated() throws IOException {
        Path f = write("plugin.conf", """
                dataset {
                  type = toy
                  rows = -5
                }
                model { type = bootstrap }
                """);
        assertEquals(List.of("plugin.conf:3: dataset.rows: must not be negative, got -5"), errors(f));
    }

    @Test
    void missingSectionsAndTypes() throws IOException {
        Path f = write("missing.conf", """
                dataset { rows = 10 }
                """);
        List<String> errors = errors(f);
        assertEquals(2, errors.size(), errors.toString());
        assertTrue(errors.contains("missing.conf:1: dataset.type: missing required key: which dataset to use (dataset types: toy)"), errors.toString());
        assertTrue(errors.get(1).startsWith("missing.conf:1: model: missing required key: the generative model"), errors.toString());
    }

    @Test
    void syntaxErrorIsLocated() throws IOException {
        Path f = write("syntax.conf", "dataset { type = toy }\nmodel = { type = = bootstrap }\n");
        List<String> errors = errors(f);
        assertEquals(1, errors.size());
        assertTrue(errors.get(0).startsWith("syntax.conf:2: Expecting a value but got wrong token: '='"), errors.toString());
    }

    /** Typesafe Config says "expecting a close parentheses ')' here, not: end of file"; the user needs the open brace's line and key. */
    @Test
    void anUnclosedBracketIsNamedWhereItOpens() throws IOException {
        Path f = write("syntax.conf", "dataset { type = toy\nmodel = { type = bootstrap }\nsplit { test = 0.2 \n");
        assertEquals(List.of(
                "syntax.conf:1: dataset: this '{' is never closed (the file ends at line 3); add the '}' that closes it",
                "syntax.conf:3: dataset.split: this '{' is never closed (the file ends at line 3); add the '}' that closes it"), errors(f));
        Path nested = write("nested.conf", "dataset { type = toy }\nmodel { type = bootstrap }\nvars { a { b = [1, 2,\n  { c = 3 }\n}\n");
        assertEquals(List.of("nested.conf:5: vars.a.b: '}' cannot close the '[' opened at line 3; close it with ']'"), errors(nested));
        write("base.conf", "model {\n  type = bootstrap\n");
        Path including = write("including.conf", "include \"base.conf\"\ndataset { type = toy }\n");
        assertEquals(List.of("base.conf:1: model: this '{' is never closed (the file ends at line 2); add the '}' that closes it"), errors(including));
    }

    @Test
    void unclosedQuotesAndSubstitutionsAndAStrayBrace() throws IOException {
        assertEquals(List.of("q.conf:2: model.x: this quoted string is not closed on its line; add the closing '\"'"
                + " (a string over several lines goes between \"\"\" and \"\"\")"),
                errors(write("q.conf", "dataset { type = toy }\nmodel { type = bootstrap, x = \"abc\n}\n")));
        assertEquals(List.of("t.conf:2: model.x: this '\"\"\"' string is never closed (the file ends at line 3); add the closing '\"\"\"'"),
                errors(write("t.conf", "dataset { type = toy }\nmodel { type = bootstrap, x = \"\"\"abc\n}\n")));
        assertEquals(List.of("s.conf:2: model.epochs: this '${' is not closed on its line; add the '}' that ends the substitution"),
                errors(write("s.conf", "dataset { type = toy }\nmodel { type = bootstrap, epochs = ${vars.e\n}\n")));
        assertEquals(List.of("b.conf:2: '}' closes nothing (no '{' is open here); remove it"),
                errors(write("b.conf", "dataset { type = toy }\nmodel { type = bootstrap }}\n")));
    }

    /** Brackets in comments, quoted and triple-quoted strings are text: the scan finds nothing and Typesafe's message stands. */
    @Test
    void bracketsInCommentsAndStringsAreNotCounted() {
        String text = "# a { in a comment\n"
                + "// and a [ in another\n"
                + "vars { a = \"{[\", b = \"\"\"x { y\n"
                + "[ z\"\"\", c = ${?HOME}, d = \"\\\\\" }  # \"\n"
                + "model { type = \"}\" }\n";
        assertEquals(List.of(), UnclosedBrackets.find("ok.conf", text, true));
    }

    @Test
    void missingFileIsAUserError() {
        UserException e = assertThrows(UserException.class, () -> new ExperimentLoader(REGISTRY).load(dir.resolve("nope.conf"), List.of()));
        assertTrue(e.getMessage().startsWith("experiment file not found: "), e.getMessage());
    }

    @Test
    void includesSubstitutionsAndOverrides() throws IOException {
        write("base.conf", "model { type = bootstrap, epochs = 4 }\nrows = 80\n");
        Path f = write("child.conf", """
                include "base.conf"
                dataset { type = toy, rows = ${rows} }
                """);
        List<String> errors = errors(f);
        assertEquals(List.of("base.conf:2: rows: unknown key (valid keys: name, seed, dataset, split, model, sample, metrics, tracking, report, vars, sweep)"),
                errors);
        write("base2.conf", "model { type = bootstrap, epochs = 4 }\nvars { rows = 80 }\n");
        Path g = write("child2.conf", """
                include "base2.conf"
                dataset { type = toy, rows = ${vars.rows} }
                """);
        Experiment e = new ExperimentLoader(REGISTRY).load(g, List.of("model.noise=0.25"));
        assertEquals(new TestPlugins.BootstrapConfig(4, 0.25, false), e.model().config());
        assertEquals(80, ((TestPlugins.ToyConfig) e.dataset().config()).rows());
    }

    @Test
    void badOverrideIsReported() throws IOException {
        Path f = write("o.conf", "dataset { type = toy }\nmodel { type = bootstrap }\n");
        assertEquals(List.of("--set #1 (model.epochs): expected key=value, e.g. --set model.epochs=10"), errors(f, "model.epochs"));
        assertEquals(List.of("--set #1 (model.epochs=x): model.epochs: expected an integer but got the string \"x\""), errors(f, "model.epochs=x"));
    }

    private static List<String> sortByLine(List<String> errors) {
        return errors.stream().sorted(java.util.Comparator.comparingInt(TestExperimentLoader::line)).toList();
    }

    private static int line(String error) {
        String[] parts = error.split(":", 3);
        try {
            return Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    @Test
    void reportThresholdsAreCheckedAgainstTheMetricsDeclarations() throws IOException {
        Path ok = write("t.conf", """
                dataset { type = toy }
                model { type = bootstrap }
                metrics = [mean-gap]
                report.thresholds { mean-gap.gap = 0.2 }
                """);
        Experiment e = new ExperimentLoader(REGISTRY).load(ok, List.of());
        assertEquals(java.util.Map.of("mean-gap.gap", new dev.genlab.spi.Measure.Threshold(0.2, 0.2)), e.thresholds());
        Experiment both = new ExperimentLoader(REGISTRY).load(ok, List.of("report.thresholds.mean-gap.gap={pass=0.1,fail=0.3}"));
        assertEquals(new dev.genlab.spi.Measure.Threshold(0.1, 0.3), both.thresholds().get("mean-gap.gap"));

        Path bad = write("bad.conf", """
                dataset { type = toy }
                model { type = bootstrap }
                metrics = [mean-gap]
                report {
                  thresholds {
                    mean-gap.gapp = 0.2
                    mean-gap.share.synthetic.F = 0.5
                    mean-gap.gap = { pass = 0.3, fail = 0.1 }
                  }
                  colour = red
                }
                """);
        List<String> errors = errors(bad);
        assertEquals(4, errors.size(), errors.toString());
        assertTrue(errors.contains("bad.conf:10: report.colour: unknown key (valid keys: thresholds)"), errors.toString());
        assertTrue(errors.contains("bad.conf:6: report.thresholds.mean-gap.gapp: no score 'mean-gap.gapp' is declared by the experiment's metrics;"
                + " did you mean 'mean-gap.gap'? (judged by default: mean-gap.gap; any declared score of a configured metric may be given a threshold)"),
                errors.toString());
        assertTrue(errors.stream().anyMatch(x -> x.startsWith("bad.conf:7: report.thresholds.mean-gap.share.synthetic.F: no score")),
                "information cannot be judged: " + errors);
        assertTrue(errors.contains("bad.conf:8: report.thresholds.mean-gap.gap: pass 0.3 must be at least as good as fail 0.1 (lower is better)"),
                errors.toString());
    }

    @Test
    void aMistypedBoundIsOneErrorWithTheValidKeys() throws IOException {
        Path f = write("typo.conf", """
                dataset { type = toy }
                model { type = bootstrap }
                metrics = [mean-gap]
                report.thresholds { mean-gap.gap = { pas = 0.1, fail = 0.3 } }
                """);
        List<String> errors = errors(f);
        assertEquals(List.of("typo.conf:4: report.thresholds.mean-gap.gap.pas: unknown key 'pas'; did you mean 'pass'? (valid keys: pass, fail)",
                "typo.conf:4: report.thresholds.mean-gap.gap: give both pass and fail, e.g. { pass = 0.6, fail = 0.75 }, or one number"), errors);
    }
}
