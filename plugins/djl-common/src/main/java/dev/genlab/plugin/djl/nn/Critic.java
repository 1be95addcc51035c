package dev.genlab.plugin.djl.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A discriminator (critic): hidden layers of Linear → LeakyReLU → Dropout, then Linear to one score. Besides the
 * score it can give the score's gradient with respect to its input, written out in closed form (the network is
 * piecewise linear), so a WGAN-GP gradient penalty trains with one ordinary backward pass instead of
 * double back-propagation, which DJL does not expose.
 */
public final class Critic {
    private final List<Dense> hidden = new ArrayList<>();
    private final Dense output;
    private final float slope;
    private final float dropout;

    public Critic(ParameterSet params, String name, int in, int[] dims, double slope, double dropout, SplittableRandom init) {
        int width = in;
        for (int i = 0; i < dims.length; i++) {
            hidden.add(new Dense(params, name + ".hidden" + i, width, dims[i], init));
            width = dims[i];
        }
        this.output = new Dense(params, name + ".out", width, 1, init);
        this.slope = (float) slope;
        this.dropout = (float) dropout;
    }

    /** Scores, shape (batch, 1). Dropout masks come from the engine's (seeded) generator when training. */
    public NDArray forward(NDArray x, boolean training) {
        return run(x, training, false)[0];
    }

    /** Scores and d score / d x (shape of x), differentiable with respect to the critic's parameters. */
    public NDArray[] forwardWithInputGradient(NDArray x, boolean training) {
        return run(x, training, true);
    }

    private NDArray[] run(NDArray x, boolean training, boolean withGradient) {
        // every temporary is closed once consumed (Eager); autograd keeps what it saved
        NDArray a = x;
        List<NDArray> slopes = withGradient ? new ArrayList<>() : null;
        for (Dense layer : hidden) {
            NDArray h = layer.forward(a);
            // LeakyReLU as h * s with s = 1 where h > 0 and slope elsewhere; s (times the dropout mask) is also the
            // layer's local derivative.
            NDArray positive = h.gt(0);
            NDArray step = Eager.done(positive.toType(DataType.FLOAT32, false), positive);
            NDArray scaled = Eager.done(Scalars.mul(step, 1 - slope), step);
            NDArray s = Eager.done(Scalars.add(scaled, slope), scaled);
            if (training && dropout > 0) {
                NDArray uniform = h.getManager().randomUniform(0, 1, h.getShape());
                NDArray kept = Eager.done(uniform.gte(dropout), uniform);
                NDArray keep = Eager.done(kept.toType(DataType.FLOAT32, false), kept);
                NDArray mask = Eager.done(Scalars.mul(keep, 1 / (1 - dropout)), keep);
                s = Eager.done(s.mul(mask), s, mask);
            }
            NDArray next = Eager.done(h.mul(s), h, a == x ? null : a);
            if (withGradient) {
                slopes.add(s);
            } else {
                s.close();
            }
            a = next;
        }
        NDArray score = Eager.done(output.forward(a), a == x ? null : a);
        if (!withGradient) {
            return new NDArray[] {score};
        }
        // Start from the batch's score so every array below belongs to the batch's manager (an operation's result
        // joins its first operand's manager; starting from a parameter would park them all in the model's).
        NDArray ones = score.onesLike();
        NDArray g = Eager.done(ones.matMul(output.weight()), ones);
        for (int l = hidden.size() - 1; l >= 0; l--) {
            NDArray masked = Eager.done(g.mul(slopes.get(l)), g, slopes.get(l));
            g = Eager.done(masked.matMul(hidden.get(l).weight()), masked);
        }
        return new NDArray[] {score, g};
    }

    /**
     * The WGAN-GP penalty {@code lambda * mean((|grad D(x̂)| - 1)^2)} at {@code x̂ = u real + (1 - u) fake},
     * with {@code u} of shape (batch, 1).
     */
    public NDArray gradientPenalty(NDArray real, NDArray fake, NDArray u, double lambda, boolean training) {
        NDArray realPart = real.mul(u);
        NDArray negated = u.neg();
        NDArray rest = Eager.done(Scalars.add(negated, 1), negated);
        NDArray fakePart = Eager.done(fake.mul(rest), rest);
        NDArray mixed = Eager.done(realPart.add(fakePart), realPart, fakePart);
        NDArray[] scored = forwardWithInputGradient(mixed, training);
        NDArray grad = Eager.done(scored[1], scored[0], mixed);
        NDArray squared = Eager.done(grad.square(), grad);
        NDArray sum = Eager.done(squared.sum(new int[] {1}), squared);
        NDArray shifted = Eager.done(Scalars.add(sum, 1e-12), sum);
        NDArray norm = Eager.done(shifted.sqrt(), shifted);
        NDArray off = Eager.done(Scalars.sub(norm, 1), norm);
        NDArray offSquared = Eager.done(off.square(), off);
        NDArray mean = Eager.done(offSquared.mean(), offSquared);
        return Eager.done(Scalars.mul(mean, lambda), mean);
    }
}
