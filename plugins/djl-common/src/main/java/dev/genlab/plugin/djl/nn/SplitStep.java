package dev.genlab.plugin.djl.nn;

import dev.genlab.plugin.djl.DjlEngine;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A training step's forward and backward passes split in two parts of the batch that run at once: the first on the
 * calling thread, the second on a helper thread that this object keeps for the whole fit (it ends two seconds after
 * the last step). Each part runs with libtorch on half the threads in force and with autograd recording on its own
 * thread ({@link ThreadAutograd}): the parts back-propagate with {@link ThreadAutograd#backward} and their gradients
 * add into the parameters, two additions onto zero, so the order in which they land does not matter.
 *
 * <p>Why: a step of a small tabular network at batch 500 is a few hundred small operations; libtorch's OpenMP team
 * splits each operation in lock-step and gains little from a second core, and loses to one thread whenever the JIT
 * or another process takes a core (deep-tabular README, "Training steps on two threads"). Two parts that each run
 * one thread's worth of operations do not wait for each other until the step's end.
 *
 * <p>A part must not draw from the engine's random generator: which part draws first would change what each gets.
 * Draw the whole batch's randomness before the split and hand each part its slice.
 */
public final class SplitStep {
    private final String threadName;
    private ThreadPoolExecutor helper;

    /** {@code threadName}: the helper thread's name ({@code genlab-<model>-step}). */
    public SplitStep(String threadName) {
        this.threadName = threadName;
    }

    /** The two parts' results. */
    public record Both<T>(T first, T second) {
    }

    /**
     * Runs {@code first} here and {@code second} on the helper thread, each on {@code max(1, threads / 2)} intra-op
     * threads with autograd recording, and returns once both have finished. If either fails, the other is still
     * waited for (it must not go on writing gradients into the parameters), then the first failure is rethrown as
     * it was, the first part's before the second's.
     */
    public <T> Both<T> run(int threads, Supplier<T> first, Supplier<T> second) {
        int engineThreads = Math.max(1, threads / 2);
        Future<T> other = helper().submit(() -> inPart(engineThreads, second));
        T mine;
        try {
            mine = inPart(engineThreads, first);
        } catch (RuntimeException | Error e) {
            try {
                await(other);
            } catch (RuntimeException | Error suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        return new Both<>(mine, await(other));
    }

    private static <T> T inPart(int engineThreads, Supplier<T> part) {
        try (DjlEngine.ThreadScope t = DjlEngine.intraOpThreads(engineThreads); DjlEngine.ThreadScope g = ThreadAutograd.recording()) {
            return part.get();
        }
    }

    private synchronized ThreadPoolExecutor helper() {
        if (helper == null) {
            helper = new ThreadPoolExecutor(1, 1, 2, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
                Thread t = new Thread(r, threadName);
                t.setDaemon(true);
                return t;
            });
            helper.allowCoreThreadTimeOut(true); // gone two seconds after the last step
        }
        return helper;
    }

    /** The part's result once its thread has finished it; its exception rethrown as it was. */
    private static <T> T await(Future<T> part) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return part.get();
                } catch (InterruptedException e) {
                    // the part is writing into the parameters: let it finish, then report the interrupt
                    interrupted = true;
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException r) {
                        throw r;
                    }
                    if (e.getCause() instanceof Error error) {
                        throw error;
                    }
                    throw new IllegalStateException(e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
