package dev.genlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The researcher's command line (issue 17), each through a real {@code genlab} child JVM: multirun, overrides that
 * take away, {@code genlab config} with origins, colour on and off, shell completion.
 */
class TestResearcherCli {
    @TempDir
    Path dir;

    Path experiment;

    record Child(int exitCode, String out, String err) {
    }

    @BeforeEach
    void writeExperiment() throws IOException {
        StringBuilder csv = new StringBuilder("age,hours,sex,income\n");
        for (int i = 0; i < 120; i++) {
            csv.append(20 + i % 45).append(',').append(30 + (i * 7) % 25).append(',').append(i % 3 == 0 ? "F" : "M").append(',')
                    .append(i % 4 == 0 ? "high" : "low").append('\n');
        }
        Files.writeString(dir.resolve("data.csv"), csv);
        Files.writeString(dir.resolve("base.conf"), "split { test = 0.25 }\n");
        experiment = dir.resolve("exp.conf");
        Files.writeString(experiment, """
                include "base.conf"
                seed = 5
                dataset { type = csv, path = data.csv, target = income }
                model { type = copula, min-eigenvalue = 0.001 }
                sample { rows = 50 }
                sweep {
                  per-model { gan { epochs = [1, 2] } }
                }
                """);
    }

    static Child genlab(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ChildJvm.java(), "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().remove("NO_COLOR");
        pb.environment().remove("FORCE_COLOR");
        pb.environment().putAll(env);
        Path out = Files.createTempFile("genlab-out", ".txt");
        Path err = Files.createTempFile("genlab-err", ".txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "genlab " + String.join(" ", args) + " did not end");
        Child c = new Child(p.exitValue(), Files.readString(out), Files.readString(err));
        Files.delete(out);
        Files.delete(err);
        return c;
    }

    @Test
    void multirunSweepsSeedsWithoutTouchingTheFileAndWarnsOfUnusedPerModelBlocks() throws Exception {
        byte[] before = Files.readAllBytes(experiment);
        Path runs = dir.resolve("runs");
        Child c = genlab(Map.of(), "run", experiment.toString(), "--runs", runs.toString(), "-m", "seed=1,2");
        assertEquals(0, c.exitCode(), c.out() + c.err());
        assertTrue(c.out().contains("(2 trial runs, 0 not finished, 0 not started)"), c.out());
        assertTrue(c.out().contains("\ns1 ") && c.out().contains("\ns2 "), c.out()); // trial runs by their short names (seed 1, seed 2)
        assertTrue(c.err().contains("warning: " + experiment + ":7: sweep.per-model.gan: no trial uses model type 'gan' (the sweep's models: copula)"),
                c.err());
        assertEquals(new String(before, StandardCharsets.UTF_8), Files.readString(experiment), "the file is not touched");
        try (Stream<Path> s = Files.list(runs)) {
            assertEquals(3, s.count(), "a parent and two trial runs");
        }
        Child list = genlab(Map.of(), "runs", "--runs", runs.toString());
        List<String> lines = list.out().lines().toList();
        assertEquals(5, lines.size(), list.out());
        assertTrue(lines.get(2).matches("\\d{8}-\\d{6}-exp-sweep-\\w+ +FINISHED +sweep of 2 trials"), lines.get(2));
        assertTrue(lines.get(3).matches(" ├ \\d{8}-\\d{6}-exp-\\w+ +FINISHED +fidelity 0\\.\\d{4} +s1 .*"), lines.get(3));
        assertTrue(lines.get(4).matches(" └ \\d{8}-\\d{6}-exp-\\w+ +FINISHED +fidelity 0\\.\\d{4} +s2 .*"), lines.get(4));
        lines.forEach(l -> assertTrue(l.length() <= RunsCommand.WIDTH, "wider than 100 columns: " + l));
    }

    @Test
    void configShowsEveryKeyWithItsOriginAndTheTrials() throws Exception {
        Child c = genlab(Map.of("GENLAB_RUNS", dir.resolve("elsewhere").toString()), "config", experiment.toString(),
                "--set", "sample.rows=null", "--set", "model.clip-to-range=false", "-m", "model.min-eigenvalue=range(0.1,0.3,0.1)", "--no-color");
        assertEquals(0, c.exitCode(), c.out() + c.err());
        List<String> lines = c.out().lines().toList();
        assertLine(lines, "seed = 5", "# " + experiment + ":2");
        assertLine(lines, "split.test = 0.25", "# include " + dir.resolve("base.conf") + ":1");
        assertLine(lines, "dataset.target = income", "# " + experiment + ":3");
        assertLine(lines, "model.clip-to-range = false", "# --set #2 (model.clip-to-range=false)");
        assertLine(lines, "model.min-eigenvalue = 0.1", "# sweep axis, this trial's value (-m #1 (model.min-eigenvalue=range(0.1,0.3,0.1)))");
        assertLine(lines, "model.numeric-marginal = ", "# default of model 'copula'");
        assertLine(lines, "metrics[0].type = fidelity", "# genlab default");
        assertLine(lines, "metrics[0].bins = ", "# default of metric 'fidelity'");
        assertLine(lines, "split.stratify = true", "# genlab default");
        assertLine(lines, "tracking.directory = ", "# environment variable");
        assertFalse(c.out().contains("sample.rows"), "--set sample.rows=null removes the key:\n" + c.out());
        assertTrue(c.out().contains("sweep: 2 trials over model.min-eigenvalue"), c.out());
        assertTrue(c.out().contains("  #1  model.min-eigenvalue=0.1") && c.out().contains("  #2  model.min-eigenvalue=0.2"), c.out());
        assertFalse(Files.exists(dir.resolve("elsewhere")) || Files.exists(dir.resolve("runs")), "config writes nothing");

        Child json = genlab(Map.of(), "config", experiment.toString(), "--unset", "sweep", "--set", "model={type=copula}", "--json");
        assertEquals(0, json.exitCode(), json.out() + json.err());
        JsonNode doc = new ObjectMapper().readTree(json.out());
        Map<String, JsonNode> keys = new HashMap<>();
        doc.get("keys").forEach(k -> keys.put(k.get("key").asText(), k));
        assertEquals("default of model 'copula'", keys.get("model.min-eigenvalue").get("origin").asText(), "the block was replaced, not merged");
        assertEquals("--set #1 (model={type=copula})", keys.get("model.type").get("origin").asText());
        assertEquals(50, keys.get("sample.rows").get("value").asInt());
        assertFalse(doc.has("sweep"), "--unset sweep removes the whole block");
    }

    @Test
    void fileNamedWithoutADirectoryFindsItsIncludesAndUnsetReachesIntoSubstitutedBlocks() throws Exception {
        Files.writeString(dir.resolve("models.conf"), "vars { base { type = copula, min-eigenvalue = 0.001, clip-to-range = false } }\n");
        Files.writeString(dir.resolve("sub.conf"), """
                include "models.conf"
                dataset { type = csv, path = data.csv, target = income }
                model = ${vars.base}
                sample { rows = 50 }
                """);
        // run from the file's directory, named as 'sub.conf': its include is found beside it
        TestCli.Result c = ChildJvm.genlab(dir, "config", "sub.conf", "--unset", "model.min-eigenvalue", "--no-color");
        assertEquals(0, c.exitCode(), c.out() + c.err());
        List<String> lines = c.out().lines().toList();
        assertLine(lines, "model.type = copula", "# include models.conf:1");
        assertLine(lines, "model.clip-to-range = false", "# include models.conf:1");
        assertLine(lines, "model.min-eigenvalue = ", "# default of model 'copula'");
        assertLine(lines, "dataset.target = income", "# sub.conf:2");

        TestCli.Result typo = ChildJvm.genlab(dir, "config", "sub.conf", "--unset", "model.min-eigenvalu");
        assertEquals(Main.USER_ERROR, typo.exitCode(), typo.out() + typo.err());
        assertTrue(typo.err().contains("--unset #1 (model.min-eigenvalu): model.min-eigenvalu: no such key in the experiment to remove;"
                + " did you mean 'min-eigenvalue'? (keys there: clip-to-range, min-eigenvalue, type)"), typo.err());
        assertFalse(typo.err().contains("\tat "), typo.err());
    }

    private static void assertLine(List<String> lines, String start, String origin) {
        assertTrue(lines.stream().anyMatch(l -> l.startsWith(start) && l.endsWith(origin)), "no line «" + start + " … " + origin + "» in:\n"
                + String.join("\n", lines));
    }

    @Test
    void colourOnlyWhenAskedForAndNeverWithNoColor() throws Exception {
        String[] args = {"validate", dir.resolve("missing.conf").toString()};
        assertFalse(genlab(Map.of(), args).err().contains("\033["), "piped output is plain");
        Child forced = genlab(Map.of("FORCE_COLOR", "1"), args);
        assertEquals(2, forced.exitCode());
        assertTrue(forced.err().contains("\033[1;31merror: \033[0m"), forced.err());
        assertFalse(genlab(Map.of("FORCE_COLOR", "1", "NO_COLOR", "1"), args).err().contains("\033["), "NO_COLOR wins");
        List<String> noColor = new ArrayList<>(List.of(args));
        noColor.add("--no-color");
        assertFalse(genlab(Map.of("FORCE_COLOR", "1"), noColor.toArray(String[]::new)).err().contains("\033["), "--no-color wins");
    }

    @Test
    void bashCompletionOffersCommandsOptionsPluginNamesAndFiles() throws Exception {
        Child c = genlab(Map.of(), "completion", "bash");
        assertEquals(0, c.exitCode(), c.err());
        Path script = dir.resolve("genlab-completion.bash");
        Files.writeString(script, c.out());
        String probe = "source " + script + "\n"
                + "complete_words() { COMP_WORDS=(\"$@\"); COMP_CWORD=$(($# - 1)); COMP_LINE=\"$*\"; _complete_genlab 2>/dev/null; echo \"${COMPREPLY[*]}\"; }\n"
                + "complete_words genlab con\n"
                + "complete_words genlab plugins cop\n"
                + "complete_words genlab run x --mul\n"
                + "cd " + dir + " && complete_words genlab run ex\n";
        Process bash = new ProcessBuilder("bash", "-c", probe).redirectErrorStream(true).start();
        String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(bash.waitFor(30, TimeUnit.SECONDS));
        List<String> lines = out.lines().toList();
        assertEquals(List.of("config", "copula", "--multirun", "exp.conf"), lines, out);
        Child zsh = genlab(Map.of(), "completion", "zsh");
        assertTrue(zsh.out().startsWith("autoload -U +X compinit && compinit\nautoload -U +X bashcompinit && bashcompinit\n"), zsh.out());
    }
}
