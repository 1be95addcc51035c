package dev.genlab.plugin.deeptext;

import dev.genlab.plugin.djl.nn.Scalars;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.List;

/**
 * Scales all gradients together so their global L2 norm is at most a limit (PyTorch's {@code clip_grad_norm_}).
 * Written here because DJL's {@code optClipGrad} clamps only the upper side on this engine. One value crosses
 * to the heap per call.
 */
final class GradientClipping {
    private GradientClipping() {
    }

    /** Clips in place and returns the norm before clipping; the gradient handles are freed with {@code manager}. */
    static double clip(List<NDArray> parameters, double maxNorm, NDManager manager) {
        NDList squares = new NDList(parameters.size());
        NDArray[] gradients = new NDArray[parameters.size()];
        for (int i = 0; i < parameters.size(); i++) {
            NDArray g = parameters.get(i).getGradient();
            g.attach(manager);
            gradients[i] = g;
            squares.add(g.square().sum());
        }
        double norm = Math.sqrt(NDArrays.stack(squares).sum().getFloat());
        if (maxNorm > 0 && norm > maxNorm) {
            float scale = (float) (maxNorm / (norm + 1e-6));
            for (NDArray g : gradients) {
                Scalars.muli(g, scale);
            }
        }
        return norm;
    }
}
