package dev.genlab.plugin.djl.nn;

import ai.djl.ndarray.NDArray;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An exponential moving average of a network's weights, kept on the heap: after every update
 * {@code s <- d s + (1 - d) w} from {@code s = 0}, and the average is {@code s / (1 - d^t)} after {@code t} updates
 * (the bias correction Adam uses for its moments, so the initial weights do not linger in it). A GAN's generator
 * oscillates around a good solution, and the weights its last step happens to leave can be off by a lot; their
 * average over the last {@code ~1 / (1 - d)} steps is steadier (Yazıcı et al. 2019, "The Unusual Effectiveness of
 * Averaging in GAN Training"). Every array of the set is averaged, buffers included.
 */
public final class WeightAverage {
    private final ParameterSet params;
    private final float decay;
    private final Map<String, float[]> sums = new LinkedHashMap<>();
    private float[] scratch = new float[0];
    private long updates;

    /** {@code decay}: at least 0 and less than 1. */
    public WeightAverage(ParameterSet params, double decay) {
        if (!(decay >= 0 && decay < 1)) {
            throw new IllegalArgumentException("decay must be at least 0 and less than 1, was " + decay);
        }
        this.params = params;
        this.decay = (float) decay;
        params.arrays().forEach((name, a) -> sums.put(name, new float[Math.toIntExact(a.size())]));
    }

    /** Adds the network's current weights to the average (call after every optimizer step). */
    public void update() {
        updates++;
        float keep = decay;
        float add = 1 - decay;
        params.arrays().forEach((name, a) -> {
            float[] s = sums.get(name);
            float[] w = values(a, s.length);
            for (int i = 0; i < s.length; i++) {
                s[i] = keep * s[i] + add * w[i];
            }
        });
    }

    /** The array's values: copied in bulk into a scratch array reused across updates where the memory can be viewed. */
    private float[] values(NDArray a, int n) {
        if (!NativeArrays.viewable(a)) {
            return a.toFloatArray();
        }
        if (scratch.length < n) {
            scratch = new float[n];
        }
        NativeArrays.view(a).get(0, scratch, 0, n);
        return scratch;
    }

    public long updates() {
        return updates;
    }

    /** The averaged weights, named as {@link ParameterSet#snapshot()} names them; the current ones before any update. */
    public Weights average() {
        if (updates == 0) {
            return params.snapshot();
        }
        float correction = (float) (1 - Math.pow(decay, updates));
        Map<String, HostArray> out = new LinkedHashMap<>();
        params.arrays().forEach((name, a) -> {
            float[] s = sums.get(name);
            float[] avg = new float[s.length];
            for (int i = 0; i < s.length; i++) {
                avg[i] = s[i] / correction;
            }
            out.put(name, new HostArray(a.getShape().getShape(), avg));
        });
        return new Weights(out);
    }

    /** The running sums and update count, for a checkpoint. */
    public Weights state() {
        Map<String, HostArray> state = new LinkedHashMap<>();
        params.arrays().forEach((name, a) -> state.put("sum." + name, new HostArray(a.getShape().getShape(), sums.get(name).clone())));
        state.put("updates", HostArray.count(updates));
        return new Weights(state);
    }

    public void restore(Weights state) {
        params.arrays().forEach((name, a) -> {
            float[] saved = state.get("sum." + name).data();
            if (saved.length != sums.get(name).length) {
                throw new IllegalArgumentException("saved average of '" + name + "' has " + saved.length + " values, the network " + a.size());
            }
            System.arraycopy(saved, 0, sums.get(name), 0, saved.length);
        });
        updates = state.get("updates").asCount();
    }
}
