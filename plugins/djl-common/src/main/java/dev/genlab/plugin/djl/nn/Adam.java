package dev.genlab.plugin.djl.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adam (optionally with L2 weight decay, as in PyTorch's {@code Adam(weight_decay=…)}) over one
 * {@link ParameterSet}, using the engine's fused update (one native call per parameter, which also zeroes the
 * gradient). Unlike DJL's optimizer its moments can be saved and restored, so a resumed run continues exactly.
 */
public final class Adam {
    private final List<NDArray> parameters;
    private final List<NDArray> means = new ArrayList<>();
    private final List<NDArray> variances = new ArrayList<>();
    private final float learningRate;
    private final float beta1;
    private final float beta2;
    private final float epsilon;
    private final float weightDecay;
    private long steps;

    public Adam(ParameterSet params, double learningRate, double beta1, double beta2, double weightDecay) {
        this.parameters = params.trainable();
        this.learningRate = (float) learningRate;
        this.beta1 = (float) beta1;
        this.beta2 = (float) beta2;
        this.epsilon = 1e-8f;
        this.weightDecay = (float) weightDecay;
        for (NDArray p : parameters) {
            means.add(p.zerosLike());
            variances.add(p.zerosLike());
        }
    }

    /** One update from the gradients the last backward pass left; the gradients are zeroed afterwards. */
    public void step() {
        steps++;
        double coef1 = 1 - Math.pow(beta1, steps);
        double coef2 = 1 - Math.pow(beta2, steps);
        float corrected = (float) (learningRate * Math.sqrt(coef2) / coef1);
        for (int i = 0; i < parameters.size(); i++) {
            NDArray p = parameters.get(i);
            try (NDArray grad = p.getGradient()) {
                p.getNDArrayInternal().adamUpdate(new NDList(p, grad, means.get(i), variances.get(i)), new NDList(p),
                        learningRate, corrected, weightDecay, 1f, -1f, beta1, beta2, epsilon, false, false);
            }
        }
    }

    public long steps() {
        return steps;
    }

    /** The moments and step count, for a checkpoint. */
    public Weights state() {
        Map<String, HostArray> state = new LinkedHashMap<>();
        for (int i = 0; i < parameters.size(); i++) {
            state.put("m" + i, new HostArray(means.get(i).getShape().getShape(), means.get(i).toFloatArray()));
            state.put("v" + i, new HostArray(variances.get(i).getShape().getShape(), variances.get(i).toFloatArray()));
        }
        state.put("steps", new HostArray(new long[] {2}, new float[] {(float) (steps >>> 24), (float) (steps & 0xffffff)}));
        return new Weights(state);
    }

    public void restore(Weights state) {
        for (int i = 0; i < parameters.size(); i++) {
            means.get(i).set(java.nio.FloatBuffer.wrap(state.get("m" + i).data()));
            variances.get(i).set(java.nio.FloatBuffer.wrap(state.get("v" + i).data()));
        }
        float[] s = state.get("steps").data();
        steps = ((long) s[0] << 24) | (long) s[1];
    }
}
