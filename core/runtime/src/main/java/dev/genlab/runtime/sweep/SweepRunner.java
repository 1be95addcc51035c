package dev.genlab.runtime.sweep;

import dev.genlab.runtime.config.Experiment;
import dev.genlab.runtime.run.EffectiveConfig;
import dev.genlab.runtime.run.RunListener;
import dev.genlab.runtime.store.LocalRunStore;
import dev.genlab.runtime.store.RunWriter;
import dev.genlab.runtime.report.Comparison;
import dev.genlab.runtime.store.StoredRun;
import dev.genlab.runtime.tracking.RunInfo;
import dev.genlab.runtime.tracking.RunStatus;
import dev.genlab.runtime.tracking.RunTracker;
import dev.genlab.spi.Progress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a sweep: one parent run in the local store, every trial a child run of it ({@code parent} in run.json;
 * {@code mlflow.parentRunId} in MLflow). A failing trial is recorded FAILED and the others go on; on Ctrl-C the
 * running trials end KILLED and the rest are not started.
 */
public final class SweepRunner {
    private final LocalRunStore store;

    public SweepRunner(LocalRunStore store) {
        this.store = store;
    }

    public SweepOutcome run(SweepPlan plan, RunListener listener, AtomicBoolean cancelled, TrialLauncher launcher) throws IOException, InterruptedException {
        return run(plan, listener, cancelled, launcher, List.of());
    }

    /**
     * @param parentMirrors trackers that mirror the parent run (MLflow), so trials nest under it as they run; their
     *                      failures never stop the sweep ({@code genlab sync} completes them)
     */
    public SweepOutcome run(SweepPlan plan, RunListener listener, AtomicBoolean cancelled, TrialLauncher launcher, List<RunTracker> parentMirrors)
            throws IOException, InterruptedException {
        SweepLauncher sweepLauncher = launcher instanceof SweepLauncher l ? l : new SweepLauncher() {
            @Override
            public String where(SweepPlan p) {
                return p.parallelism() + " at a time";
            }

            @Override
            public RunStatus launch(Trial trial, String runName, String parentId) throws Exception {
                return launcher.launch(trial, runName, parentId);
            }
        };
        return run(plan, listener, cancelled, sweepLauncher, parentMirrors);
    }

    /**
     * Runs the sweep's trials through {@code launcher}, which this opens once the parent run exists (its tags, such
     * as a cluster's application id, go onto the parent) and closes when the trials are done. The trial runs are
     * listed in trial order, whatever order they finished in.
     */
    public SweepOutcome run(SweepPlan plan, RunListener listener, AtomicBoolean cancelled, SweepLauncher launcher, List<RunTracker> parentMirrors)
            throws IOException, InterruptedException {
        Experiment base = plan.trials().get(0).experiment();
        long start = System.currentTimeMillis();
        String name = base.name();
        RunInfo info = new RunInfo(LocalRunStore.newRunId(name + "-sweep", start), name + " (sweep)", name, null, start);
        RunWriter parent = store.create(info);
        List<RunTracker> mirrors = new ArrayList<>(parentMirrors);
        mirrors.forEach(m -> m.cancelWhen(cancelled::get));
        mirror(mirrors, t -> t.started(info));
        Map<String, String> params = new LinkedHashMap<>();
        params.put("sweep.axes", String.join(", ", plan.axes()));
        params.put("sweep.trials", Integer.toString(plan.trials().size()));
        params.put("sweep.parallelism", Integer.toString(plan.parallelism()));
        parent.params(params);
        Map<String, String> sweepTags = Map.of("genlab.sweep", "true", "genlab.dataset", base.dataset().type(), "genlab.sweep.axes",
                String.join(", ", plan.axes()), "genlab.sweep.trials", Integer.toString(plan.trials().size()));
        parent.tags(sweepTags);
        mirror(mirrors, t -> t.params(params));
        mirror(mirrors, t -> t.tags(sweepTags));
        parent.file("config.conf", EffectiveConfig.render(base.resolved()).getBytes(StandardCharsets.UTF_8));
        StringBuilder trialsText = new StringBuilder();
        for (Trial t : plan.trials()) {
            trialsText.append('#').append(t.index()).append(' ').append(t.label()).append('\n');
        }
        parent.file("trials.txt", trialsText.toString().getBytes(StandardCharsets.UTF_8));

        listener.phase("sweep of " + plan.trials().size() + " trials over " + String.join(", ", plan.axes()) + ", " + launcher.where(plan));
        Map<String, String> failures = new ConcurrentHashMap<>();
        AtomicInteger notRun = new AtomicInteger();
        List<Future<?>> futures = new ArrayList<>();
        AtomicInteger running = new AtomicInteger();
        AtomicInteger waiting = new AtomicInteger();
        AtomicInteger ended = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger retries = new AtomicInteger();
        // the bar counts trials that ended; its label says how they ended and which are running, always in step with it
        java.util.Set<String> now = java.util.concurrent.ConcurrentHashMap.newKeySet();
        java.util.Set<Integer> queued = java.util.concurrent.ConcurrentHashMap.newKeySet();
        Map<Integer, String> runNames = Trial.runNames(plan.trials());
        Map<Integer, String> labels = new java.util.HashMap<>();
        plan.trials().forEach(t -> labels.put(t.index(), "#" + t.index() + " " + t.label()));
        ExecutorService pool = null;
        try (Progress bar = listener.progress("sweep", plan.trials().size(), "trial"); launcher) {
            Runnable show = () -> bar.status(ended.get() + " finished, " + running.get() + " running, " + failed.get() + " failed"
                    + (waiting.get() == 0 ? "" : ", " + waiting.get() + " waiting") + (retries.get() == 0 ? "" : ", " + retries.get() + " retried")
                    + (now.isEmpty() ? "" : " · " + String.join(", ", new java.util.TreeSet<>(now))));
            SweepLauncher.TrialEvents events = new SweepLauncher.TrialEvents() {
                @Override
                public void started(int index) {
                    synchronized (bar) {
                        if (queued.remove(index)) {
                            waiting.decrementAndGet();
                            running.incrementAndGet();
                            now.add(labels.get(index));
                            show.run();
                        }
                    }
                }

                @Override
                public void retrying(int index, String why) {
                    synchronized (bar) {
                        retries.incrementAndGet();
                        listener.phase("trial " + labels.get(index) + " failed an attempt and runs again: " + why);
                        show.run();
                    }
                }
            };
            Map<String, String> launcherTags;
            try {
                launcherTags = launcher.open(plan, info.id(), events);
            } catch (Exception e) {
                // e.g. a cluster that took the application but never started it: the parent says why, never RUNNING
                String why = "the sweep's launcher did not start: " + e.getMessage();
                long at = System.currentTimeMillis();
                RunStatus how = cancelled.get() ? RunStatus.KILLED : RunStatus.FAILED;
                parent.ended(how, why, at);
                mirror(mirrors, t -> t.ended(how, why, at));
                if (e instanceof IOException io) {
                    throw io;
                }
                if (e instanceof InterruptedException interrupted) {
                    throw interrupted;
                }
                if (e instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw new IOException(why, e);
            }
            if (!launcherTags.isEmpty()) {
                parent.tags(launcherTags);
                mirror(mirrors, t -> t.tags(launcherTags));
            }
            pool = Executors.newFixedThreadPool(Math.max(1, Math.min(plan.trials().size(), launcher.concurrency(plan))));
            for (Trial trial : plan.trials()) {
                futures.add(pool.submit(() -> {
                    if (cancelled.get()) {
                        notRun.incrementAndGet();
                        synchronized (bar) {
                            bar.advance(1);
                            show.run();
                        }
                        return;
                    }
                    String runName = runNames.get(trial.index());
                    String label = labels.get(trial.index());
                    synchronized (bar) {
                        if (launcher.queues()) {
                            queued.add(trial.index());
                            waiting.incrementAndGet();
                        } else {
                            running.incrementAndGet();
                            now.add(label);
                        }
                        show.run();
                    }
                    boolean ok = false;
                    try {
                        RunStatus status = launcher.launch(trial, runName, info.id());
                        if (status == RunStatus.KILLED && launcher.queues() && queued.contains(trial.index())) {
                            // cancelled while it waited in the cluster's queue: never started, as a local trial never launched
                            synchronized (bar) {
                                queued.remove(trial.index());
                                waiting.decrementAndGet();
                                notRun.incrementAndGet();
                                bar.advance(1);
                                show.run();
                            }
                            return;
                        }
                        ok = status == RunStatus.FINISHED;
                        if (!ok) {
                            failures.put(label, status.name());
                        }
                    } catch (Exception e) {
                        failures.put(label, String.valueOf(e.getMessage()));
                    }
                    synchronized (bar) {
                        (queued.remove(trial.index()) ? waiting : running).decrementAndGet();
                        now.remove(label);
                        (ok ? ended : failed).incrementAndGet();
                        bar.advance(1);
                        show.run();
                    }
                }));
            }
            pool.shutdown();
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException(e.getCause());
                }
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            // closing the launcher failed; the trials are done and recorded
            org.slf4j.LoggerFactory.getLogger(SweepRunner.class).warn("closing the sweep's launcher: {}", e.getMessage());
        } finally {
            if (pool != null) {
                pool.shutdownNow();
                pool.awaitTermination(30, TimeUnit.SECONDS);
            }
        }
        // in trial order, whatever order they ran and finished in (so every launcher gives the same comparison)
        Map<String, Integer> order = new java.util.HashMap<>();
        runNames.forEach((index, runName) -> order.put(runName, index));
        List<StoredRun> trials = new ArrayList<>();
        for (StoredRun r : store.list()) {
            if (info.id().equals(r.parentId())) {
                trials.add(r);
            }
        }
        trials.sort(java.util.Comparator.comparingInt((StoredRun r) -> order.getOrDefault(r.name(), Integer.MAX_VALUE)));
        long finished = trials.stream().filter(r -> r.status() == RunStatus.FINISHED).count();
        RunStatus status = cancelled.get() ? RunStatus.KILLED : finished == 0 ? RunStatus.FAILED : RunStatus.FINISHED;
        Map<String, String> counts = Map.of("genlab.sweep.finished", Long.toString(finished), "genlab.sweep.failed", Integer.toString(failures.size()),
                "genlab.sweep.not_run", Integer.toString(notRun.get()));
        parent.tags(counts);
        mirror(mirrors, t -> t.tags(counts));
        // the trials' dataset is the parent's input too (in MLflow; sync reads it from the parent's provenance.json)
        for (StoredRun r : trials) {
            Path provenance = r.directory().resolve("provenance.json");
            if (Files.isRegularFile(provenance)) {
                Object dataset = dev.genlab.runtime.util.Json.readMap(provenance).get("dataset");
                if (dataset != null) {
                    parent.file("provenance.json", dev.genlab.runtime.util.Json.bytes(Map.of("dataset", dataset)));
                    mirror(mirrors, t -> {
                        if (t instanceof dev.genlab.runtime.tracking.mlflow.MlflowTracker m) {
                            m.datasetFrom(provenance);
                        }
                    });
                    break;
                }
            }
        }
        Comparison comparison = SweepAggregation.record(parent, trials);
        String card = comparison == null ? null : store.find(info.id()).orElseThrow().tags().get(dev.genlab.runtime.run.Runner.SCORECARD_TAG);
        if (card != null) {
            mirror(mirrors, t -> t.tags(Map.of(dev.genlab.runtime.run.Runner.SCORECARD_TAG, card)));
        }
        String error = failures.isEmpty() ? null : failures.size() + " of " + plan.trials().size() + " trials did not finish: " + failures;
        // the parent's artifacts (config, comparison, report) reach MLflow now, not only at the next 'genlab sync'
        mirror(mirrors, t -> t.artifact("config.conf", parent.directory().resolve("config.conf")));
        if (Files.isDirectory(parent.artifactsDirectory())) {
            try (Stream<Path> files = Files.walk(parent.artifactsDirectory())) {
                for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                    String path = parent.artifactsDirectory().relativize(f).toString().replace('\\', '/');
                    mirror(mirrors, t -> t.artifact(path, f));
                }
            }
        }
        long end = System.currentTimeMillis();
        parent.ended(status, error, end);
        if (comparison != null) {
            for (Map.Entry<String, Double> r : store.find(info.id()).orElseThrow().results().entrySet()) {
                mirror(mirrors, t -> t.metric(r.getKey(), r.getValue(), 0, end));
            }
        }
        mirror(mirrors, t -> t.ended(status, error, end));
        return new SweepOutcome(info.id(), parent.directory(), status, trials, notRun.get(), Map.copyOf(failures), comparison);
    }

    /** A mirror that fails is dropped; the local parent run is complete and {@code genlab sync} pushes it later. */
    private static void mirror(List<RunTracker> mirrors, java.util.function.Consumer<RunTracker> call) {
        mirrors.removeIf(t -> {
            try {
                call.accept(t);
                return false;
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(SweepRunner.class).warn("tracking the sweep's parent run to {} stopped: {}; 'genlab sync' pushes it later", t, e.getMessage());
                return true;
            }
        });
    }
}
