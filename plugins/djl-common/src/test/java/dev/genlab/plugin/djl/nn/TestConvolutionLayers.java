package dev.genlab.plugin.djl.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.genlab.plugin.djl.DeviceChoice;
import dev.genlab.plugin.djl.DjlEngine;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Conv2d, GroupNorm, BatchNorm2d and nearest upsampling against plain loops. */
class TestConvolutionLayers {
    private static float[] random(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (r.nextDouble() * 2 - 1);
        }
        return v;
    }

    @Test
    void convolutionMatchesTheDefinitionWithStrideAndPadding() {
        int b = 2, in = 3, out = 4, h = 6, w = 5, k = 3, stride = 2, pad = 1;
        try (NDManager m = DjlEngine.newManager(DjlEngine.device(DeviceChoice.CPU))) {
            ParameterSet params = new ParameterSet(m);
            Conv2d conv = new Conv2d(params, "c", in, out, k, stride, pad, new SplittableRandom(3));
            float[] weight = params.snapshot().get("c.weight").data();
            float[] bias = params.snapshot().get("c.bias").data();
            float[] x = random(b * in * h * w, 9);
            NDArray y = conv.forward(m.create(x, new Shape(b, in, h, w)));
            int oh = (h + 2 * pad - k) / stride + 1;
            int ow = (w + 2 * pad - k) / stride + 1;
            assertEquals(new Shape(b, out, oh, ow), y.getShape());
            float[] actual = y.toFloatArray();
            for (int n = 0; n < b; n++) {
                for (int o = 0; o < out; o++) {
                    for (int i = 0; i < oh; i++) {
                        for (int j = 0; j < ow; j++) {
                            double s = bias[o];
                            for (int c = 0; c < in; c++) {
                                for (int di = 0; di < k; di++) {
                                    for (int dj = 0; dj < k; dj++) {
                                        int yi = i * stride - pad + di;
                                        int xj = j * stride - pad + dj;
                                        if (yi >= 0 && yi < h && xj >= 0 && xj < w) {
                                            s += weight[((o * in + c) * k + di) * k + dj] * x[((n * in + c) * h + yi) * w + xj];
                                        }
                                    }
                                }
                            }
                            assertEquals(s, actual[((n * out + o) * oh + i) * ow + j], 1e-5);
                        }
                    }
                }
            }
            double bound = 1 / Math.sqrt(in * k * k);
            for (float v : weight) {
                assertEquals(0, v, bound, "PyTorch's default initialisation bound");
            }
        }
    }

    @Test
    void groupNormNormalisesEachGroupOfEachExample() {
        int b = 2, c = 4, h = 3, w = 3, groups = 2;
        try (NDManager m = DjlEngine.newManager(DjlEngine.device(DeviceChoice.CPU))) {
            GroupNorm norm = new GroupNorm(new ParameterSet(m), "g", groups, c);
            float[] x = random(b * c * h * w, 4);
            float[] y = norm.forward(m.create(x, new Shape(b, c, h, w))).toFloatArray();
            int size = c / groups * h * w;
            for (int g = 0; g < b * groups; g++) {
                double mean = 0, sq = 0;
                for (int i = 0; i < size; i++) {
                    mean += x[g * size + i];
                }
                mean /= size;
                for (int i = 0; i < size; i++) {
                    sq += (x[g * size + i] - mean) * (x[g * size + i] - mean);
                }
                double sd = Math.sqrt(sq / size + 1e-5);
                for (int i = 0; i < size; i++) {
                    assertEquals((x[g * size + i] - mean) / sd, y[g * size + i], 1e-4);
                }
            }
        }
    }

    @Test
    void batchNormUsesBatchStatisticsInTrainingAndRunningOnesAfter() {
        try (NDManager m = DjlEngine.newManager(DjlEngine.device(DeviceChoice.CPU))) {
            ParameterSet params = new ParameterSet(m);
            BatchNorm2d norm = new BatchNorm2d(params, "bn", 2);
            float[] x = random(3 * 2 * 2 * 2, 5);
            float[] y = norm.forward(m.create(x, new Shape(3, 2, 2, 2)), true).toFloatArray();
            for (int c = 0; c < 2; c++) {
                double mean = 0;
                for (int n = 0; n < 3; n++) {
                    for (int p = 0; p < 4; p++) {
                        mean += y[(n * 2 + c) * 4 + p];
                    }
                }
                assertEquals(0, mean / 12, 1e-5, "channel " + c + " centred");
            }
            float[] running = params.snapshot().get("bn.running-mean").data();
            assertEquals(2, running.length);
            float[] eval = norm.forward(m.create(x, new Shape(3, 2, 2, 2)), false).toFloatArray();
            assertEquals(x.length, eval.length);
        }
    }

    @Test
    void nearestUpsamplingRepeatsEachPixel() {
        try (NDManager m = DjlEngine.newManager(DjlEngine.device(DeviceChoice.CPU))) {
            NDArray x = m.create(new float[] {1, 2, 3, 4}, new Shape(1, 1, 2, 2));
            assertArrayEquals(new float[] {1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4}, Conv2d.upsampleNearest(x, 2).toFloatArray());
        }
    }
}
