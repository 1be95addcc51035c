package dev.genlab.plugin.djl;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/** Independent pieces of work on several threads, with failures reported the same way whatever the thread count. */
public final class Parallel {
    private Parallel() {
    }

    /**
     * Runs {@code task} for every index in {@code [0, tasks)} on up to {@code threads} threads: the caller and
     * {@code threads - 1} more (daemons named {@code name-1}, {@code name-2}, ...), each taking the next index not yet
     * taken. After a task fails the others start no new task; its exception is rethrown once all have stopped, the
     * lowest index's first, so what is reported does not depend on the thread count. Interrupted while waiting for
     * the others: they stop after their current task and this throws {@link CancellationException}.
     */
    public static void forEachIndex(int tasks, int threads, String name, IntConsumer task) {
        Throwable[] failed = new Throwable[tasks];
        AtomicInteger next = new AtomicInteger();
        Runnable work = () -> {
            for (int k = next.getAndIncrement(); k < tasks; k = next.getAndIncrement()) {
                try {
                    task.accept(k);
                } catch (RuntimeException | Error e) {
                    failed[k] = e;
                    next.set(tasks);
                }
            }
        };
        List<Thread> started = new ArrayList<>();
        for (int k = 1; k < Math.min(threads, tasks); k++) {
            Thread t = new Thread(work, name + "-" + k);
            t.setDaemon(true);
            t.start();
            started.add(t);
        }
        work.run();
        for (Thread t : started) {
            try {
                t.join();
            } catch (InterruptedException e) {
                next.set(tasks);
                Thread.currentThread().interrupt();
                throw new CancellationException("interrupted while waiting for " + name + " on " + threads + " threads");
            }
        }
        for (Throwable e : failed) {
            if (e instanceof RuntimeException r) {
                throw r;
            } else if (e instanceof Error error) {
                throw error;
            }
        }
    }
}
