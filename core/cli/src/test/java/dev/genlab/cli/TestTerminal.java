package dev.genlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a terminal shows, read from a real one: {@code genlab} runs in a tmux pane (a pseudo-terminal, so colour and
 * in-place bars are on) and the test reads the screen. tmux is required (the CI script installs it).
 */
class TestTerminal {
    @TempDir
    Path dir;

    private final String session = "genlab-test-" + ProcessHandle.current().pid();

    @AfterEach
    void killSession() throws Exception {
        tmux("kill-session", "-t", session);
    }

    @Test
    void aSweepShowsItsCountAndTheRunningTrialsEpochBarBeneath() throws Exception {
        StringBuilder csv = new StringBuilder("age,hours,sex,income\n");
        for (int i = 0; i < 300; i++) {
            csv.append(20 + i % 45).append(',').append(30 + (i * 7) % 25).append(',').append(i % 3 == 0 ? "F" : "M").append(',')
                    .append(i % 4 == 0 ? "high" : "low").append('\n');
        }
        Files.writeString(dir.resolve("data.csv"), csv);
        Files.writeString(dir.resolve("gan.conf"), "dataset { type = csv, path = data.csv, target = income }\nmodel { type = gan, epochs = 40 }\n"
                + "sample { rows = 100 }\n");
        Path script = dir.resolve("genlab.sh");
        // genlab writes to the pane, as to any terminal; the exit code goes to a file, and the pane stays for reading
        Files.writeString(script, "cd " + dir + " && " + ChildJvm.java() + " -cp '" + System.getProperty("java.class.path") + "' "
                + Main.class.getName() + " run gan.conf -m seed=1 --runs runs; echo \"exit $?\" > exit.txt; sleep 600\n");
        assertEquals(0, tmux("new-session", "-d", "-s", session, "-x", "150", "-y", "40", "sh " + script), "tmux new-session");
        boolean nested = false;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        String screen = "";
        String withBar = "(none)";
        while (System.nanoTime() < deadline && !Files.exists(dir.resolve("exit.txt"))) {
            screen = capture();
            List<String> lines = screen.lines().toList();
            if (screen.contains("train gan")) {
                withBar = screen;
            }
            for (int i = 0; i + 1 < lines.size(); i++) {
                if (lines.get(i).matches("  sweep +\\[[#.]+] 0/1 trials? .* 0 finished, 1 running, 0 failed · #1 seed=1")
                        && lines.get(i + 1).matches("  train gan +\\[[#.]+] \\d+/40 epochs .*")) {
                    nested = true;
                }
            }
            Thread.sleep(100);
        }
        screen = capture();
        assertTrue(nested, "never saw the trial's epoch bar beneath the sweep bar; a screen with it:\n" + withBar);
        assertEquals("exit 0", Files.readString(dir.resolve("exit.txt")).trim(), screen);
        assertTrue(screen.lines().anyMatch(l -> l.matches("  sweep +\\[#+] 1/1 trials? .* 1 finished, 0 running, 0 failed")), screen);
        assertTrue(screen.lines().noneMatch(l -> l.startsWith("  train gan")), "the epoch bar is gone once the trial ends:\n" + screen);
        String coloured = captureWithEscapes();
        assertTrue(coloured.contains("\033[32mFINISHED"), "statuses are green on a terminal:\n" + coloured);
    }

    @Test
    void trialsInChildProcessesShowTheirEpochBarsBeneathTheSweepBar() throws Exception {
        StringBuilder csv = new StringBuilder("age,hours,sex,income\n");
        for (int i = 0; i < 300; i++) {
            csv.append(20 + i % 45).append(',').append(30 + (i * 7) % 25).append(',').append(i % 3 == 0 ? "F" : "M").append(',')
                    .append(i % 4 == 0 ? "high" : "low").append('\n');
        }
        Files.writeString(dir.resolve("data.csv"), csv);
        // parallelism 2: each trial is a child 'genlab run' process
        Files.writeString(dir.resolve("gan.conf"), "dataset { type = csv, path = data.csv, target = income }\nmodel { type = gan, epochs = 40 }\n"
                + "sample { rows = 100 }\nsweep { parallelism = 2 }\n");
        Path script = dir.resolve("genlab.sh");
        Files.writeString(script, "cd " + dir + " && " + ChildJvm.java() + " -cp '" + System.getProperty("java.class.path") + "' "
                + Main.class.getName() + " run gan.conf -m seed=1,2 --runs runs; echo \"exit $?\" > exit.txt; sleep 600\n");
        assertEquals(0, tmux("new-session", "-d", "-s", session, "-x", "150", "-y", "40", "sh " + script), "tmux new-session");
        java.util.Set<String> beneath = new java.util.TreeSet<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        String screen = "";
        String withBar = "(none)";
        while (System.nanoTime() < deadline && !Files.exists(dir.resolve("exit.txt"))) {
            screen = capture();
            List<String> lines = screen.lines().toList();
            if (screen.contains("train gan")) {
                withBar = screen;
            }
            for (int i = 0; i + 1 < lines.size(); i++) {
                if (lines.get(i).matches("  sweep +\\[[#.]+] \\d/2 trials .* running, 0 failed · .*")) {
                    // the bars of the trials running right now, each on its own line beneath the sweep bar
                    for (int j = i + 1; j < lines.size() && lines.get(j).matches("  #[12] train gan +\\[[#.]+] \\d+/40 epochs .*"); j++) {
                        beneath.add(lines.get(j).substring(2, 4));
                    }
                }
            }
            Thread.sleep(100);
        }
        screen = capture();
        assertEquals(java.util.Set.of("#1", "#2"), beneath, "each child trial's epoch bar beneath the sweep bar; a screen with one:\n" + withBar);
        assertEquals("exit 0", Files.readString(dir.resolve("exit.txt")).trim(), screen);
        assertTrue(screen.lines().anyMatch(l -> l.matches("  sweep +\\[#+] 2/2 trials .* 2 finished, 0 running, 0 failed")), screen);
        assertTrue(screen.lines().noneMatch(l -> l.contains(" train gan ")), "the epoch bars are gone once the trials end:\n" + screen);
        Path sweep;
        try (java.util.stream.Stream<Path> runs = Files.list(dir.resolve("runs"))) {
            sweep = runs.filter(d -> Files.isDirectory(d.resolve("trials"))).findFirst().orElseThrow();
        }
        try (java.util.stream.Stream<Path> trials = Files.list(sweep.resolve("trials"))) {
            assertEquals(List.of("1.log", "2.log"), trials.map(p -> p.getFileName().toString()).sorted().toList(), "progress files are removed");
        }
    }

    private String capture() throws IOException, InterruptedException {
        return run("tmux", "capture-pane", "-p", "-t", session);
    }

    private String captureWithEscapes() throws IOException, InterruptedException {
        return run("tmux", "capture-pane", "-p", "-e", "-t", session);
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(10, TimeUnit.SECONDS);
        return out;
    }

    private static int tmux(String... args) throws IOException, InterruptedException {
        String[] command = new String[args.length + 1];
        command[0] = "tmux";
        System.arraycopy(args, 0, command, 1, args.length);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS));
        return p.exitValue();
    }
}
