package dev.genlab.plugin.deeptabular;

import dev.genlab.plugin.djl.nn.HostArray;
import dev.genlab.plugin.djl.tabular.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * CTGAN's conditional vector and training-by-sampling: pick a categorical column uniformly, a level of it by
 * (log) frequency, and a real row having that level. The vector is the concatenation of every categorical
 * column's one-hot block with only the picked level set.
 */
final class ConditionSampler {
    final List<Span> spans;
    final int[] offsets;
    final int width;
    /** Per span: the probability of each slot by frequency (used when sampling) and by training weight. */
    final double[][] frequency;
    final double[][] trainingWeight;
    /** Per span and slot: the rows having that level (training only; null for a loaded model). */
    final int[][][] rows;

    ConditionSampler(List<Span> spans, double[][] frequency, double[][] trainingWeight, int[][][] rows) {
        this.spans = List.copyOf(spans);
        this.frequency = frequency;
        this.trainingWeight = trainingWeight;
        this.rows = rows;
        this.offsets = new int[spans.size()];
        int w = 0;
        for (int s = 0; s < spans.size(); s++) {
            offsets[s] = w;
            w += spans.get(s).width();
        }
        this.width = w;
    }

    static ConditionSampler fit(List<Span> spans, EncodedTable data, boolean logFrequency) {
        double[][] frequency = new double[spans.size()][];
        double[][] weight = new double[spans.size()][];
        int[][][] rows = new int[spans.size()][][];
        for (int s = 0; s < spans.size(); s++) {
            Span span = spans.get(s);
            List<List<Integer>> bySlot = new ArrayList<>();
            for (int j = 0; j < span.width(); j++) {
                bySlot.add(new ArrayList<>());
            }
            for (int i = 0; i < data.rows; i++) {
                int base = i * data.width + span.start();
                int slot = 0;
                for (int j = 1; j < span.width(); j++) {
                    if (data.data[base + j] > data.data[base + slot]) {
                        slot = j;
                    }
                }
                bySlot.get(slot).add(i);
            }
            frequency[s] = new double[span.width()];
            weight[s] = new double[span.width()];
            rows[s] = new int[span.width()][];
            double f = 0;
            double w = 0;
            for (int j = 0; j < span.width(); j++) {
                int count = bySlot.get(j).size();
                rows[s][j] = bySlot.get(j).stream().mapToInt(Integer::intValue).toArray();
                frequency[s][j] = count;
                weight[s][j] = logFrequency ? Math.log(count + 1) : count;
                if (count == 0) {
                    weight[s][j] = 0; // never condition on a level without rows
                }
                f += frequency[s][j];
                w += weight[s][j];
            }
            for (int j = 0; j < span.width(); j++) {
                frequency[s][j] /= f;
                weight[s][j] /= w;
            }
        }
        return new ConditionSampler(spans, frequency, weight, rows);
    }

    boolean isEmpty() {
        return spans.isEmpty();
    }

    /** Draws (span, slot) per row into {@code picks} (2 per row); {@code training} selects the weights. */
    void pick(SplittableRandom random, int batch, boolean training, int[] picks) {
        double[][] p = training ? trainingWeight : frequency;
        for (int b = 0; b < batch; b++) {
            int s = random.nextInt(spans.size());
            picks[2 * b] = s;
            picks[2 * b + 1] = draw(p[s], random);
        }
    }

    static int draw(double[] p, SplittableRandom random) {
        double u = random.nextDouble();
        for (int j = 0; j < p.length; j++) {
            u -= p[j];
            if (u < 0) {
                return j;
            }
        }
        for (int j = p.length - 1; j >= 0; j--) {
            if (p[j] > 0) {
                return j;
            }
        }
        return 0;
    }

    /** The conditional vectors of {@code picks} (row-major, batch x width). */
    float[] vectors(int[] picks, int batch) {
        float[] out = new float[batch * width];
        for (int b = 0; b < batch; b++) {
            out[b * width + offsets[picks[2 * b]] + picks[2 * b + 1]] = 1;
        }
        return out;
    }

    /** A random real row with the picked level for each pick. */
    int[] realRows(int[] picks, int batch, SplittableRandom random) {
        int[] out = new int[batch];
        for (int b = 0; b < batch; b++) {
            int[] candidates = rows[picks[2 * b]][picks[2 * b + 1]];
            out[b] = candidates[random.nextInt(candidates.length)];
        }
        return out;
    }

    /** Frequencies for saving with the model. */
    HostArray frequencies() {
        int total = 0;
        for (double[] f : frequency) {
            total += f.length;
        }
        float[] flat = new float[total];
        int k = 0;
        for (double[] f : frequency) {
            for (double v : f) {
                flat[k++] = (float) v;
            }
        }
        return new HostArray(new long[] {total}, flat);
    }

    static ConditionSampler forSampling(List<Span> spans, HostArray frequencies) {
        double[][] frequency = new double[spans.size()][];
        int k = 0;
        for (int s = 0; s < spans.size(); s++) {
            frequency[s] = new double[spans.get(s).width()];
            double sum = 0;
            for (int j = 0; j < frequency[s].length; j++) {
                frequency[s][j] = frequencies.data()[k++];
                sum += frequency[s][j];
            }
            for (int j = 0; j < frequency[s].length; j++) {
                frequency[s][j] /= sum;
            }
        }
        return new ConditionSampler(spans, frequency, frequency, null);
    }
}
