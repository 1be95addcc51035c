package dev.genlab.plugin.djl.nn;

import ai.djl.ndarray.NDArray;

/**
 * Frees a forward pass's temporaries as soon as they are consumed, the way Python frees a tensor whose last
 * reference goes: DJL otherwise keeps every result of a step until the step's manager closes.
 *
 * <p>Why (issue 19, measured): an element-wise operation on a 500 × 128 array took 8.5 µs when its result was
 * freed at once and about 120 µs when forty results stayed alive: with every temporary kept, a training step's arrays
 * outgrow the core's cache and each new result is written to cold memory. On a chain of 8 small layers under
 * autograd, freeing the temporaries made a step 22 % faster (12.1 → 9.4 ms). Closing an array only drops Java's
 * handle: what autograd saved for the backward pass stays alive until the backward pass has used it, and is then
 * freed by autograd as it goes, as in PyTorch.
 *
 * <p>Only close what nothing reads again: a parameter, a step's input, or an array used later must not be passed.
 */
public final class Eager {
    private Eager() {
    }

    /** {@code result}, after closing {@code consumed} (temporaries that nothing reads any more). */
    public static NDArray done(NDArray result, NDArray... consumed) {
        for (NDArray a : consumed) {
            if (a != null && a != result) {
                a.close();
            }
        }
        return result;
    }
}
