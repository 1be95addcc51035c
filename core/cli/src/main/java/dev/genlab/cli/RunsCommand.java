package dev.genlab.cli;

import dev.genlab.runtime.store.LocalRunStore;
import dev.genlab.runtime.store.StoredRun;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "runs", mixinStandardHelpOptions = true, description = "List the runs in the local run store with status and headline metrics.")
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
        TextTable table = new TextTable("run", "status", "started", "name", "headline metrics");
        for (StoredRun r : all) {
            String status = r.effectiveStatus().name() + (r.effectiveStatus() != r.status() ? " (process gone)" : "");
            table.row(r.id(), status, TIME.format(Instant.ofEpochMilli(r.startTimeMillis())), r.name(), headlines(r));
        }
        System.out.print(table.render());
        return Main.OK;
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
