package dev.genlab.plugin.djl.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import dev.genlab.plugin.djl.DjlEngine;

/**
 * Autograd on several threads at once. DJL's {@code GradientCollector} allows one per JVM, but PyTorch records
 * gradients per thread (its grad mode is thread-local) and back-propagates concurrently into the same parameters,
 * adding their gradients: a training step split into parts, each part's forward and backward on its own thread,
 * uses this instead of the collector. With two parts each parameter receives exactly two additions onto its zeroed
 * gradient, and floating-point addition is commutative, so the sum does not depend on which part finishes first.
 */
public final class ThreadAutograd {
    private ThreadAutograd() {
    }

    /** Turns recording on for the calling thread until the scope closes, which restores what it was. */
    public static DjlEngine.ThreadScope recording() {
        DjlEngine.engine();
        boolean before = JniUtils.isGradMode();
        JniUtils.setGradMode(true);
        return () -> JniUtils.setGradMode(before);
    }

    /** Back-propagates from the scalar {@code objective}, adding to the gradients of the parameters it depends on. */
    public static void backward(NDArray objective) {
        try (NDArray ones = objective.onesLike()) {
            JniUtils.backward((PtNDArray) objective, (PtNDArray) ones, false, false);
        }
    }
}
