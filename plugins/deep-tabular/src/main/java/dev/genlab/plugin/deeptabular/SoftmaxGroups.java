package dev.genlab.plugin.deeptabular;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import dev.genlab.plugin.djl.nn.Eager;
import dev.genlab.plugin.djl.nn.Scalars;
import dev.genlab.plugin.djl.tabular.Span;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * The one-hot blocks of an encoded row, soft-maxed a group at a time instead of a block at a time.
 *
 * <p>Why (issue 19, measured): Adult's encoding has 15 one-hot blocks. Slicing each block and calling
 * {@code softmax}/{@code logSoftmax} on it, as the reference implementation does in Python, cost about 7 native calls
 * per block and pass, and as many again in the backward pass: for tvae's loss and ctgan's Gumbel-softmax and
 * conditional loss these small calls, not the matrix products, were most of a training step. Here the blocks are
 * grouped by width rounded up to a power of two, at least 16 (Adult: widths 2–16 | 42, two groups), and each group is
 * one {@code (rows, blocks, width)} array gathered from the encoded columns with one {@code gather}; positions past a
 * block's own width hold {@link #MASKED}, so their probability is exactly 0 and no gradient flows through them (their
 * targets are 0 too). Each group is then one native soft-max. The arithmetic is the same as block by block; the
 * rounding of the sums may differ in the last bit.
 *
 * <p>Why at least 16 (measured 2026-12-07 in DJL's libtorch 2.7.1, 500 rows, 2 threads): libtorch's soft-max over a
 * short last axis costs far more per row below 16 values, 311 µs for 5 blocks of width 8 against 111 µs for 6 of
 * width 16, and 108 µs for 3 blocks of width 2. With Adult's narrow blocks padded to 16, the torch profiler over 20
 * ctgan steps put the soft-max family (forward, log, both backwards) at 14.7 ms against 33.9 ms; ctgan's Gumbel noise
 * is drawn on the encoded columns before the gather, so the wider padding does not widen it.
 *
 * <p>Index arrays live in the manager given at construction (a trainer's root), and are broadcast to a batch's
 * rows, so a step creates no index data.
 */
final class SoftmaxGroups {
    /** Added to the padding positions of a group: exp underflows to exactly 0, and 0 · MASKED stays finite. */
    static final float MASKED = -1e30f;
    /** The narrowest padded width (see the class comment). */
    static final int MIN_WIDTH = 16;

    /**
     * One group of blocks of the same padded width.
     *
     * @param blocks  how many blocks
     * @param width   padded width (a power of two at least as wide as every block of the group)
     * @param columns for each of the blocks · width positions, the encoded column it reads (padding reads the block's first)
     * @param targets for each position, the target column (padding: any; masked by {@code valid})
     * @param valid   1 for a real position, 0 for padding, shape (1, blocks · width)
     * @param mask    0 for a real position, {@link #MASKED} for padding, shape (1, blocks · width)
     */
    private record Group(int blocks, int width, NDArray columns, NDArray targets, NDArray valid, NDArray mask) {
        int size() {
            return blocks * width;
        }
    }

    private final List<Group> groups = new ArrayList<>();
    private final Map<Integer, int[]> placed = new TreeMap<>(); // block start -> {position in softmax(), block width}
    /** Per block, in the order given: {first target column, width, position of its first column in the padded layout}. */
    private final List<int[]> blockTargets = new ArrayList<>();
    /** Padded columns over all groups. */
    private final int total;
    /** Every group's {@code columns} and {@code mask} one after another, shape (1, total). */
    private final NDArray allColumns;
    private final NDArray allMask;
    /** {@code allColumns} broadcast to a batch's rows, by row count (a trainer's batches have one or two sizes). */
    private final Map<Long, NDArray> allColumnsByRows = new HashMap<>();

    /**
     * @param blocks       the one-hot blocks (their {@code start} is the column in the logits)
     * @param packedTarget whether the targets of the cross-entropy are the blocks packed one after another (ctgan's
     *                     condition vector) rather than at the blocks' own columns (tvae's encoded rows)
     * @param manager      where the index arrays live; must outlive this object's use
     */
    SoftmaxGroups(List<Span> blocks, boolean packedTarget, NDManager manager) {
        Map<Integer, List<int[]>> byWidth = new TreeMap<>(); // padded width -> {start, width, target start}
        Map<Integer, Integer> targetStarts = new LinkedHashMap<>(); // block start -> target start, in the order given
        int target = 0;
        for (Span s : blocks) {
            if (s.activation() != Span.Activation.SOFTMAX) {
                throw new IllegalArgumentException("not a one-hot block: " + s);
            }
            byWidth.computeIfAbsent(paddedWidth(s.width()), w -> new ArrayList<>())
                    .add(new int[] {s.start(), s.width(), packedTarget ? target : s.start()});
            targetStarts.put(s.start(), packedTarget ? target : s.start());
            target += s.width();
        }
        int offset = 0;
        for (Map.Entry<Integer, List<int[]>> e : byWidth.entrySet()) {
            int width = e.getKey();
            List<int[]> members = e.getValue();
            int n = members.size() * width;
            long[] columns = new long[n];
            long[] targets = new long[n];
            float[] valid = new float[n];
            float[] mask = new float[n];
            for (int b = 0; b < members.size(); b++) {
                int[] m = members.get(b);
                placed.put(m[0], new int[] {offset + b * width, m[1]});
                for (int j = 0; j < width; j++) {
                    int at = b * width + j;
                    boolean real = j < m[1];
                    columns[at] = m[0] + (real ? j : 0);
                    targets[at] = m[2] + (real ? j : 0);
                    valid[at] = real ? 1 : 0;
                    mask[at] = real ? 0 : MASKED;
                }
            }
            groups.add(new Group(members.size(), width, manager.create(columns, new Shape(1, n)), manager.create(targets, new Shape(1, n)),
                    manager.create(valid, new Shape(1, n)), manager.create(mask, new Shape(1, n))));
            offset += n;
        }
        total = offset;
        targetStarts.forEach((start, at) -> blockTargets.add(new int[] {at, placed.get(start)[1], placed.get(start)[0]}));
        long[] columns = new long[total];
        float[] mask = new float[total];
        int at = 0;
        for (Group g : groups) {
            System.arraycopy(g.columns.toLongArray(), 0, columns, at, g.size());
            System.arraycopy(g.mask.toFloatArray(), 0, mask, at, g.size());
            at += g.size();
        }
        allColumns = manager.create(columns, new Shape(1, total));
        allMask = manager.create(mask, new Shape(1, total));
    }

    /** A block's padded width: the power of two at or above its width, at least {@link #MIN_WIDTH}. */
    static int paddedWidth(int width) {
        return Math.max(MIN_WIDTH, Integer.highestOneBit(Math.max(1, width - 1)) << 1);
    }

    boolean isEmpty() {
        return groups.isEmpty();
    }

    /**
     * {@code -Σ target · logSoftmax(block of logits)} over every block and row, as one differentiable scalar. Targets
     * are weights per position (one-hot rows, or all zero for a block that has no target).
     */
    NDArray crossEntropy(NDArray logits, NDArray target) {
        long rows = logits.getShape().get(0);
        NDArray total = null;
        for (Group g : groups) {
            Shape flat = new Shape(rows, g.size());
            Shape cube = new Shape(rows, g.blocks, g.width);
            NDArray log = logits.gather(g.columns.broadcast(flat), 1).add(g.mask).reshape(cube).logSoftmax(-1);
            NDArray weights = target.gather(g.targets.broadcast(flat), 1).mul(g.valid).reshape(cube);
            NDArray part = log.mul(weights).sum();
            total = total == null ? part : total.add(part);
        }
        return total == null ? logits.getManager().zeros(new Shape()) : total.neg();
    }

    /**
     * For each of {@code rows} target rows on the host ({@code targetWidth} values each, laid out as the targets of
     * {@link #crossEntropy}), and each block in the order given at construction, the padded position of the block's
     * one target column, or -1 for a block whose targets are all 0. Null when a target is neither 0 nor 1 or a block
     * has more than one 1: {@link #crossEntropyAt} then cannot stand for {@link #crossEntropy}.
     */
    int[] targetPositions(float[] target, int rows, int targetWidth) {
        int blocks = blockTargets.size();
        int[] out = new int[rows * blocks];
        for (int row = 0; row < rows; row++) {
            int base = row * targetWidth;
            for (int b = 0; b < blocks; b++) {
                int[] t = blockTargets.get(b);
                int hot = -1;
                for (int j = 0; j < t[1]; j++) {
                    float v = target[base + t[0] + j];
                    if (v == 1f && hot < 0) {
                        hot = t[2] + j;
                    } else if (v != 0f) {
                        return null;
                    }
                }
                out[row * blocks + b] = hot;
            }
        }
        return out;
    }

    /**
     * The flat positions in a {@code (size, padded columns)} array of the targets of rows {@code order[from ..
     * from+size)} (wrapping around; {@code order} null: rows {@code 0 .. size)}), from {@link #targetPositions} of the
     * whole table: what {@link #crossEntropyAt} picks.
     */
    long[] picks(int[] positions, int[] order, int from, int size) {
        int blocks = blockTargets.size();
        long[] out = new long[size * blocks];
        int n = 0;
        for (int i = 0; i < size; i++) {
            int row = order == null ? i : order[(from + i) % order.length];
            for (int b = 0; b < blocks; b++) {
                int p = positions[row * blocks + b];
                if (p >= 0) {
                    out[n++] = (long) i * total + p;
                }
            }
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    /**
     * {@link #crossEntropy} for 0/1 targets given as {@link #picks}: every block's columns gathered with one
     * {@code gather} and masked with one {@code add}, one log-soft-max per group, and the target positions picked
     * with one more {@code gather}. The same sum as {@code crossEntropy}, with about half its native calls and
     * without its element-wise passes over the targets (tvae's loss, issue 19).
     */
    NDArray crossEntropyAt(NDArray logits, long[] picks) {
        NDManager m = logits.getManager();
        if (groups.isEmpty() || picks.length == 0) {
            return m.zeros(new Shape());
        }
        long rows = logits.getShape().get(0);
        NDArray gathered = logits.gather(allColumns(rows), 1);
        NDArray padded = Eager.done(gathered.add(allMask), gathered);
        NDArray log = Eager.done(perGroup(padded, rows, cube -> cube.logSoftmax(-1)), padded);
        NDArray flat = Eager.done(log.reshape(new Shape(rows * total)), log);
        // gather saves its index for the backward pass, and NDManager.create's memory is a direct buffer that the
        // garbage collector frees once the array is closed (TestScalars): the index stays open with the batch's
        // manager until the step is done
        NDArray index = m.create(picks);
        NDArray picked = Eager.done(flat.gather(index, 0), flat);
        NDArray sum = Eager.done(picked.sum(), picked);
        return Eager.done(sum.neg(), sum);
    }

    /**
     * Soft-max (Gumbel-softmax with temperature {@code gumbelTau} when it is above 0, noise from the engine's seeded
     * generator) of every block of {@code raw}, as a {@code (rows, padded columns)} array in group order;
     * {@link #positions} says where each encoded column is in it.
     */
    NDArray softmax(NDArray raw, double gumbelTau) {
        long rows = raw.getShape().get(0);
        NDArray x;
        if (gumbelTau > 0) {
            // the noise goes on the encoded columns before the gather: fewer values than the padded layout has
            NDArray u = raw.getManager().randomUniform(1e-10f, 1f, raw.getShape());
            NDArray noise = Eager.done(OutputLayer.gumbelNoise(u), u);
            NDArray noisy = Eager.done(raw.add(noise), noise);
            NDArray scaled = Eager.done(Scalars.div(noisy, gumbelTau), noisy);
            x = Eager.done(scaled.gather(allColumns(rows), 1), scaled);
        } else {
            x = raw.gather(allColumns(rows), 1);
        }
        x = Eager.done(x.add(allMask), x);
        return Eager.done(perGroup(x, rows, cube -> cube.softmax(-1)), x);
    }

    /**
     * {@code op} (a soft-max over the last axis) applied to each group of {@code padded} (rows, padded columns) seen
     * as (rows, blocks, width), as one (rows, padded columns) array; the temporaries are closed, {@code padded} is not.
     */
    private NDArray perGroup(NDArray padded, long rows, UnaryOperator<NDArray> op) {
        NDList parts = new NDList(groups.size());
        int at = 0;
        for (Group g : groups) {
            NDArray part = groups.size() == 1 ? padded : padded.get(new NDIndex(":, {}:{}", at, at + g.size()));
            NDArray cube = part.reshape(new Shape(rows, g.blocks, g.width));
            NDArray done = Eager.done(op.apply(cube), cube, part == padded ? null : part);
            parts.add(Eager.done(done.reshape(new Shape(rows, g.size())), done));
            at += g.size();
        }
        return parts.size() == 1 ? parts.get(0) : Eager.done(NDArrays.concat(parts, 1), parts.toArray(new NDArray[0]));
    }

    /** {@code allColumns} broadcast to {@code rows} rows, made once per row count. */
    private NDArray allColumns(long rows) {
        return allColumnsByRows.computeIfAbsent(rows, r -> allColumns.broadcast(new Shape(r, total)));
    }

    /**
     * For each column of the logits, its position in {@link #softmax}'s output, or -1 for a column of no block.
     */
    int[] positions(int width) {
        int[] at = new int[width];
        java.util.Arrays.fill(at, -1);
        placed.forEach((start, p) -> {
            for (int j = 0; j < p[1]; j++) {
                at[start + j] = p[0] + j;
            }
        });
        return at;
    }
}
