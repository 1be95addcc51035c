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
        NDArray a = x;
        List<NDArray> slopes = withGradient ? new ArrayList<>() : null;
        for (Dense layer : hidden) {
            NDArray h = layer.forward(a);
            // LeakyReLU as h * s with s = 1 where h > 0 and slope elsewhere; s (times the dropout mask) is also the
            // layer's local derivative.
            NDArray s = Scalars.add(Scalars.mul(h.gt(0).toType(DataType.FLOAT32, false), 1 - slope), slope);
            if (training && dropout > 0) {
                NDArray keep = h.getManager().randomUniform(0, 1, h.getShape()).gte(dropout).toType(DataType.FLOAT32, false);
                s = s.mul(Scalars.mul(keep, 1 / (1 - dropout)));
            }
            a = h.mul(s);
            if (withGradient) {
                slopes.add(s);
            }
        }
        NDArray score = output.forward(a);
        if (!withGradient) {
            return new NDArray[] {score};
        }
        // Start from the batch's score so every array below belongs to the batch's manager (an operation's result
        // joins its first operand's manager; starting from a parameter would park them all in the model's).
        NDArray g = score.onesLike().matMul(output.weight());
        for (int l = hidden.size() - 1; l >= 0; l--) {
            g = g.mul(slopes.get(l)).matMul(hidden.get(l).weight());
        }
        return new NDArray[] {score, g};
    }

    /**
     * The WGAN-GP penalty {@code lambda * mean((|grad D(x̂)| - 1)^2)} at {@code x̂ = u real + (1 - u) fake},
     * with {@code u} of shape (batch, 1).
     */
    public NDArray gradientPenalty(NDArray real, NDArray fake, NDArray u, double lambda, boolean training) {
        NDArray mixed = real.mul(u).add(fake.mul(Scalars.add(u.neg(), 1)));
        NDArray grad = forwardWithInputGradient(mixed, training)[1];
        NDArray norm = Scalars.add(grad.square().sum(new int[] {1}), 1e-12).sqrt();
        return Scalars.mul(Scalars.sub(norm, 1).square().mean(), lambda);
    }
}
