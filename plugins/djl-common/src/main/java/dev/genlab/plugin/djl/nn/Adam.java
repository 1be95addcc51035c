package dev.genlab.plugin.djl.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adam (optionally with L2 weight decay, as in PyTorch's {@code Adam(weight_decay=…)}) over one
 * {@link ParameterSet}; the gradients are zeroed by the update. Unlike DJL's optimizer its moments can be saved and
 * restored, so a resumed run continues exactly.
 *
 * <p>On the CPU the update is one pass over each parameter, written here: the parameter and its gradient are read
 * and written in place through direct buffers over libtorch's own memory ({@code PtNDArray.toByteBuffer(true)}), the
 * moments live on the Java heap, and the gradient is zeroed in the same pass. DJL's fused native update is about a
 * dozen passes with five temporary arrays the size of the parameter (clone, weight decay, two per moment, then
 * {@code mul}, {@code sqrt}, {@code add}, {@code div}, {@code sub_}, and a {@code zero_} of the gradient); for
 * ctgan's critic (734k parameters, one update per critic step) that was about a tenth of training time (module
 * README, "Benchmark"). The arithmetic is the same formula in float, so results agree with the native update to
 * float rounding ({@code TestAdam}). Arrays that are not plain CPU memory (a GPU) keep the native update.
 */
public final class Adam {
    private final List<NDArray> parameters;
    private final List<NDArray> means = new ArrayList<>();
    private final List<NDArray> variances = new ArrayList<>();
    /** The moments on the heap, when every parameter is CPU memory that can be viewed directly; else null. */
    private final float[][] hostMeans;
    private final float[][] hostVariances;
    /** Scratch for one parameter's values and gradient, and zeros to clear a gradient with; sized to the largest. */
    private float[] scratchWeights = new float[0];
    private float[] scratchGradients = new float[0];
    private float[] zeros = new float[0];
    private final float learningRate;
    private final float beta1;
    private final float beta2;
    private final float epsilon;
    private final float weightDecay;
    private long steps;

    public Adam(ParameterSet params, double learningRate, double beta1, double beta2, double weightDecay) {
        this(params, learningRate, beta1, beta2, weightDecay, true);
    }

    /** {@code inPlace = false} keeps DJL's native update even on the CPU (the reference in {@code TestAdam}). */
    Adam(ParameterSet params, double learningRate, double beta1, double beta2, double weightDecay, boolean inPlace) {
        this.parameters = params.trainable();
        this.learningRate = (float) learningRate;
        this.beta1 = (float) beta1;
        this.beta2 = (float) beta2;
        this.epsilon = 1e-8f;
        this.weightDecay = (float) weightDecay;
        if (inPlace && parameters.stream().allMatch(NativeArrays::viewable)) {
            hostMeans = new float[parameters.size()][];
            hostVariances = new float[parameters.size()][];
            for (int i = 0; i < parameters.size(); i++) {
                hostMeans[i] = new float[Math.toIntExact(parameters.get(i).size())];
                hostVariances[i] = new float[hostMeans[i].length];
            }
        } else {
            hostMeans = null;
            hostVariances = null;
            for (NDArray p : parameters) {
                means.add(p.zerosLike());
                variances.add(p.zerosLike());
            }
        }
    }

    /** One update from the gradients the last backward pass left; the gradients are zeroed afterwards. */
    public void step() {
        steps++;
        double coef1 = 1 - Math.pow(beta1, steps);
        double coef2 = 1 - Math.pow(beta2, steps);
        float corrected = (float) (learningRate * Math.sqrt(coef2) / coef1);
        if (hostMeans != null) {
            for (int i = 0; i < parameters.size(); i++) {
                NDArray p = parameters.get(i);
                try (NDArray grad = p.getGradient()) {
                    update(NativeArrays.view(p), NativeArrays.view(grad), hostMeans[i], hostVariances[i], corrected);
                }
            }
            return;
        }
        for (int i = 0; i < parameters.size(); i++) {
            NDArray p = parameters.get(i);
            try (NDArray grad = p.getGradient()) {
                p.getNDArrayInternal().adamUpdate(new NDList(p, grad, means.get(i), variances.get(i)), new NDList(p),
                        learningRate, corrected, weightDecay, 1f, -1f, beta1, beta2, epsilon, false, false);
            }
        }
    }

    /**
     * One parameter's update: the native update's formula ({@code g + wd·p}, the moments, then
     * {@code p − corrected·m / (√v + ε)}), and the gradient set to zero. The parameter and gradient are copied in
     * bulk to scratch arrays on the heap so that the arithmetic loop is one the JIT compiles to vector instructions
     * (element by element through a direct buffer it is not), then the parameter is copied back and the gradient
     * overwritten with zeros.
     */
    private void update(FloatBuffer p, FloatBuffer grad, float[] m, float[] v, float corrected) {
        int n = m.length;
        if (scratchWeights.length < n) {
            scratchWeights = new float[n];
            scratchGradients = new float[n];
            zeros = new float[n];
        }
        float[] w = scratchWeights;
        float[] g = scratchGradients;
        p.get(0, w, 0, n);
        grad.get(0, g, 0, n);
        float b1 = beta1;
        float b2 = beta2;
        float a1 = 1 - beta1;
        float a2 = 1 - beta2;
        float wd = weightDecay;
        float eps = epsilon;
        for (int j = 0; j < n; j++) {
            float gj = g[j] + wd * w[j];
            float mj = b1 * m[j] + a1 * gj;
            float vj = b2 * v[j] + a2 * (gj * gj);
            m[j] = mj;
            v[j] = vj;
            w[j] = w[j] - corrected * mj / ((float) Math.sqrt(vj) + eps);
        }
        p.put(0, w, 0, n);
        grad.put(0, zeros, 0, n);
    }

    public long steps() {
        return steps;
    }

    /** The moments and step count, for a checkpoint. */
    public Weights state() {
        Map<String, HostArray> state = new LinkedHashMap<>();
        for (int i = 0; i < parameters.size(); i++) {
            long[] shape = parameters.get(i).getShape().getShape();
            if (hostMeans != null) {
                state.put("m" + i, new HostArray(shape, hostMeans[i].clone()));
                state.put("v" + i, new HostArray(shape, hostVariances[i].clone()));
            } else {
                state.put("m" + i, new HostArray(shape, means.get(i).toFloatArray()));
                state.put("v" + i, new HostArray(shape, variances.get(i).toFloatArray()));
            }
        }
        state.put("steps", HostArray.count(steps));
        return new Weights(state);
    }

    public void restore(Weights state) {
        for (int i = 0; i < parameters.size(); i++) {
            if (hostMeans != null) {
                float[] m = state.get("m" + i).data();
                float[] v = state.get("v" + i).data();
                if (m.length != hostMeans[i].length || v.length != hostVariances[i].length) {
                    throw new IllegalArgumentException("saved moments of parameter " + i + " have " + m.length
                            + " values, the parameter " + hostMeans[i].length);
                }
                System.arraycopy(m, 0, hostMeans[i], 0, m.length);
                System.arraycopy(v, 0, hostVariances[i], 0, v.length);
            } else {
                means.get(i).set(FloatBuffer.wrap(state.get("m" + i).data()));
                variances.get(i).set(FloatBuffer.wrap(state.get("v" + i).data()));
            }
        }
        steps = state.get("steps").asCount();
    }
}
