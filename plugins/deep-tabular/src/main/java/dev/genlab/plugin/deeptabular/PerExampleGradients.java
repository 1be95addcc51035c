package dev.genlab.plugin.deeptabular;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.genlab.plugin.djl.nn.Dense;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Per-example gradients of a batch's loss from one ordinary backward pass, without a loop over examples: the
 * forward pass goes through {@link #linear} and {@link #perRow}, which record what each parameter's per-example
 * gradient is made of.
 *
 * <p>A dense layer {@code z = a W^T + b} gets a zero "probe" {@code p} of shape (B, out) added to its output, a leaf
 * array with a gradient: after the backward pass {@code p}'s gradient is {@code g = dL/dz}, the signal back-propagated
 * to the layer's output, one row per example. Since example i touches the layer only through row i, its weight
 * gradient is the outer product {@code g_i a_i^T} and its bias gradient {@code g_i}; the squared norm of the outer
 * product is {@code |a_i|^2 |g_i|^2} (the "ghost norm" of Goodfellow 2015), so norms need no (B, out, in) array, and a
 * weighted sum over examples is the one matrix product {@code (c * G)^T A}. A parameter used whole by every row (TVAE's
 * output scales) is broadcast to (B, n) plus a probe, whose gradient row i is example i's gradient.
 *
 * <p>The loss must be a sum of per-example terms (no batch norm or anything else mixing rows), and each recorded layer
 * used once per forward pass.
 */
final class PerExampleGradients {
    private record Linear(Dense layer, NDArray input, NDArray probe) {
    }

    private record PerRow(NDArray parameter, NDArray probe) {
    }

    private final NDManager manager;
    private final List<Linear> linears = new ArrayList<>();
    private final List<PerRow> perRows = new ArrayList<>();

    /** Records in {@code manager}, whose closing frees the probes. */
    PerExampleGradients(NDManager manager) {
        this.manager = Objects.requireNonNull(manager, "manager is null");
    }

    /** {@code layer}'s output for input {@code a} (B, in), recorded. */
    NDArray linear(Dense layer, NDArray a) {
        NDArray probe = manager.zeros(new Shape(a.getShape().get(0), layer.out()));
        probe.setRequiresGradient(true);
        linears.add(new Linear(layer, a, probe));
        return layer.forward(a).add(probe);
    }

    /** {@code parameter} (a vector) repeated for each of {@code rows} rows as (rows, n), recorded. */
    NDArray perRow(NDArray parameter, long rows) {
        NDArray probe = manager.zeros(new Shape(rows, parameter.size()));
        probe.setRequiresGradient(true);
        perRows.add(new PerRow(parameter, probe));
        return probe.add(parameter);
    }

    /** The parameters recorded, each once. */
    List<NDArray> parameters() {
        List<NDArray> out = new ArrayList<>();
        for (Linear l : linears) {
            out.add(l.layer.weight());
            out.add(l.layer.bias());
        }
        for (PerRow r : perRows) {
            out.add(r.parameter);
        }
        return out;
    }

    /** After the backward pass: each example's squared gradient norm over all recorded parameters, shape (B). */
    NDArray squaredNorms() {
        NDArray total = null;
        for (Linear l : linears) {
            NDArray g2 = l.probe.getGradient().square().sum(new int[] {1});
            NDArray a2 = l.input.stopGradient().square().sum(new int[] {1});
            NDArray n = g2.mul(a2).add(g2);
            total = total == null ? n : total.add(n);
        }
        for (PerRow r : perRows) {
            NDArray n = r.probe.getGradient().square().sum(new int[] {1});
            total = total == null ? n : total.add(n);
        }
        return total;
    }

    /** After the backward pass: {@code sum_i weights_i * grad_i} per parameter, in the shape of the parameter. */
    Map<NDArray, NDArray> weightedSums(NDArray weights) {
        Map<NDArray, NDArray> out = new LinkedHashMap<>();
        NDArray column = weights.reshape(-1, 1);
        for (Linear l : linears) {
            NDArray g = l.probe.getGradient().mul(column);
            out.put(l.layer.weight(), g.transpose().matMul(l.input.stopGradient()));
            out.put(l.layer.bias(), g.sum(new int[] {0}));
        }
        for (PerRow r : perRows) {
            out.put(r.parameter, r.probe.getGradient().mul(column).sum(new int[] {0}).reshape(r.parameter.getShape()));
        }
        return out;
    }

    /** After the backward pass: every example's gradient of each parameter, (B, parameter shape...), materialised (for tests). */
    Map<NDArray, NDArray> materialised() {
        Map<NDArray, NDArray> out = new LinkedHashMap<>();
        for (Linear l : linears) {
            NDArray g = l.probe.getGradient();
            out.put(l.layer.weight(), g.expandDims(2).matMul(l.input.stopGradient().expandDims(1)));
            out.put(l.layer.bias(), g);
        }
        for (PerRow r : perRows) {
            out.put(r.parameter, r.probe.getGradient());
        }
        return out;
    }
}
