package dev.genlab.cli;

import dev.genlab.runtime.store.LocalRunStore;
import dev.genlab.runtime.store.StoredRun;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import dev.genlab.runtime.report.Measures;
import dev.genlab.runtime.report.ScoreCard;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "runs", mixinStandardHelpOptions = true, description = "List the runs in the local run store, a sweep's trials under it,"
        + " with status, first headline metric and score-card verdicts (at most 100 columns).")
final class RunsCommand implements Callable<Integer> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    @Option(names = "--runs", paramLabel = "DIR", description = "Local run store (default: runs, or GENLAB_RUNS).")
    Path runs;

    @Option(names = {"-n", "--last"}, paramLabel = "N", description = "Only the N most recent runs (default: all).")
    Integer last;

    @Override
    public Integer call() throws Exception {
        Path root = runs != null ? runs : Path.of(System.getenv().getOrDefault("GENLAB_RUNS", "runs"));
        List<StoredRun> all = new LocalRunStore(root).list();
        if (all.isEmpty()) {
            System.out.println("no runs in " + root.toAbsolutePath().normalize() + " (start one with 'genlab run FILE')");
            return Main.OK;
        }
        if (last != null && last < all.size()) {
            all = all.subList(all.size() - last, all.size());
        }
        // a sweep's trials go under their parent, in the order they started
        Map<String, List<StoredRun>> children = new LinkedHashMap<>();
        java.util.Set<String> ids = new java.util.HashSet<>();
        all.forEach(r -> ids.add(r.id()));
        List<StoredRun> top = new ArrayList<>();
        for (StoredRun r : all) {
            if (r.parentId() != null && ids.contains(r.parentId())) {
                children.computeIfAbsent(r.parentId(), k -> new ArrayList<>()).add(r);
            } else {
                top.add(r);
            }
        }
        TextTable table = new TextTable("run (started yyyyMMdd-HHmmss)", "status", "headline", "score card").fixed(0, 1);
        for (StoredRun r : top) {
            List<StoredRun> trials = children.getOrDefault(r.id(), List.of());
            table.row(r.id(), status(r), trials.isEmpty() ? headline(r) : "sweep of " + trials.size() + " trials", verdicts(r));
            for (int i = 0; i < trials.size(); i++) {
                StoredRun t = trials.get(i);
                String name = t.name();
                int bracket = name.indexOf('[');
                String setting = bracket >= 0 && name.endsWith("]") ? name.substring(bracket + 1, name.length() - 1) : name;
                table.row((i == trials.size() - 1 ? " └ " : " ├ ") + t.id(), status(t), headline(t) + "  " + setting, verdicts(t));
            }
        }
        int terminal = Style.terminalWidth();
        System.out.print(table.render(terminal > 0 ? Math.min(terminal, WIDTH) : WIDTH, Style.current()));
        return Main.OK;
    }

    /** The most columns {@code genlab runs} takes, terminal or not. */
    static final int WIDTH = 100;


    private static String status(StoredRun r) {
        return r.effectiveStatus().name() + (r.effectiveStatus() != r.status() ? " (process gone)" : "");
    }

    /** The first headline by its metric's name ("fidelity 0.9676"), with how many more there are. */
    private static String headline(StoredRun r) throws java.io.IOException {
        Map<String, Double> results = r.results();
        List<String> shown = new ArrayList<>();
        if (r.field("headlines") instanceof Map<?, ?> map) {
            for (Object key : map.values()) {
                Double v = results.get(String.valueOf(key));
                if (v != null) {
                    String k = String.valueOf(key);
                    shown.add(k.substring(0, k.contains(".") ? k.indexOf('.') : k.length()) + " " + RunCommand.format(v));
                }
            }
        }
        // fidelity first: every tabular and most other runs have it, so rows compare
        shown.sort(java.util.Comparator.comparing(h -> !h.startsWith("fidelity ")));
        return shown.isEmpty() ? "" : shown.get(0) + (shown.size() > 1 ? " +" + (shown.size() - 1) : "");
    }

    /** The score card's verdicts, counted: "4 pass 2 fail". */
    private static String verdicts(StoredRun r) {
        try {
            if (!(r.field("headlines") instanceof Map<?, ?> map) || map.isEmpty()) {
                return "";
            }
            Map<String, String> headlines = new LinkedHashMap<>();
            map.forEach((k, v) -> headlines.put(String.valueOf(k), String.valueOf(v)));
            ScoreCard card = ScoreCard.of(r.results(), headlines, Measures.read(r.directory().resolve(Measures.FILE)));
            Map<ScoreCard.Verdict, Integer> counts = new java.util.EnumMap<>(ScoreCard.Verdict.class);
            card.rows().forEach(row -> counts.merge(row.verdict(), 1, Integer::sum));
            StringBuilder sb = new StringBuilder();
            for (ScoreCard.Verdict v : List.of(ScoreCard.Verdict.PASS, ScoreCard.Verdict.WARN, ScoreCard.Verdict.FAIL, ScoreCard.Verdict.UNDEFINED)) {
                if (counts.containsKey(v)) {
                    sb.append(sb.length() == 0 ? "" : " ").append(counts.get(v)).append(' ').append(v.label());
                }
            }
            return sb.toString();
        } catch (java.io.IOException | RuntimeException e) {
            return ""; // an old or partial run: no verdicts to show
        }
    }

    /** "metric.key=value" for each headline of a run. */
    static String headlines(StoredRun r) throws java.io.IOException {
        StringBuilder h = new StringBuilder();
        Map<String, Double> results = r.results();
        if (r.field("headlines") instanceof Map<?, ?> map) {
            for (Object key : map.values()) {
                Double v = results.get(String.valueOf(key));
                if (v != null) {
                    h.append(h.length() == 0 ? "" : "  ").append(key).append('=').append(RunCommand.format(v));
                }
            }
        }
        return h.toString();
    }
}
