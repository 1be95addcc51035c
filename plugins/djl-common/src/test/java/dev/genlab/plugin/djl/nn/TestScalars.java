package dev.genlab.plugin.djl.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.genlab.plugin.djl.DjlEngine;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The use-after-free behind ctgan's irreproducible losses (issue 19): a number multiplied into an array must still be
 * there when the backward pass reads it, after a garbage collection and after the freed memory was reused.
 */
class TestScalars {
    @Test
    void gradientsThroughScalarsSurviveAGarbageCollection() throws Exception {
        assertEquals(3f, gradientAfterCollection(x -> Scalars.mul(x, 3)));
        assertEquals(0.5f, gradientAfterCollection(x -> Scalars.div(x, 2)));
        assertEquals(1f, gradientAfterCollection(x -> Scalars.add(x, 7)));
        assertEquals(1f, gradientAfterCollection(x -> Scalars.sub(x, 7)));
    }

    /**
     * The reproduction, kept to show why {@link Scalars} exists: DJL's own {@code mul(Number)} loses its scalar in
     * the same situation. If a DJL upgrade fixes this, this test says so and {@link Scalars} can go.
     */
    @Test
    void djlsOwnScalarMultiplicationReadsFreedMemory() throws Exception {
        int wrong = 0;
        for (int i = 0; i < 5; i++) {
            wrong += gradientAfterCollection(x -> x.mul(3f)) != 3f ? 1 : 0;
        }
        assertTrue(wrong > 0, "DJL's NDArray.mul(Number) kept its scalar alive through a collection in 5 of 5 tries: "
                + "the DJL bug Scalars works around looks fixed");
    }

    /**
     * The same for arrays made from Java arrays: {@code NDManager.create(float[])}'s memory is a direct buffer that the
     * collector frees once the array is closed, while autograd may still hold it (an operand saved for the backward
     * pass). {@link NativeArrays#copyOf} puts the values in libtorch's own memory.
     */
    @Test
    void arraysMadeFromJavaArraysSurviveAGarbageCollectionInLibtorchsMemoryOnly() throws Exception {
        float[] three = {3f, 3f, 3f, 3f};
        assertEquals(3f, gradientAfterCollection(x -> {
            try (NDArray c = NativeArrays.copyOf(x.getManager(), three, new Shape(4))) {
                return x.mul(c);
            }
        }));
        int wrong = 0;
        for (int i = 0; i < 5; i++) {
            wrong += gradientAfterCollection(x -> {
                try (NDArray c = x.getManager().create(three, new Shape(4))) {
                    return x.mul(c);
                }
            }) != 3f ? 1 : 0;
        }
        assertTrue(wrong > 0, "NDManager.create(float[]) kept its memory through a collection in 5 of 5 tries: "
                + "its arrays may now be closed while autograd holds them");
    }

    @Test
    void noModelCodeInThisModuleUsesDjlsScalarArithmetic() throws Exception {
        assertEquals(List.of(), ScalarOpsAudit.findIn(Path.of("target/classes")));
    }

    @Test
    void theAuditFindsSuchACall() throws Exception {
        try (var in = TestScalars.class.getResourceAsStream("TestScalars.class")) {
            // this test class calls x.mul(3f) on purpose, above
            assertEquals(List.of("mul"), ScalarOpsAudit.forbiddenReferences(in.readAllBytes()));
        }
    }

    /** d(op(x))/dx at x = 1, with every collectable direct buffer freed and its memory refilled between forward and backward. */
    private static float gradientAfterCollection(UnaryOperator<NDArray> op) throws InterruptedException {
        try (NDManager m = DjlEngine.newManager(ai.djl.Device.cpu())) {
            NDArray x = m.ones(new Shape(4));
            x.setRequiresGradient(true);
            try (GradientCollector collector = DjlEngine.engine().newGradientCollector()) {
                NDArray y = op.apply(x);
                for (int k = 0; k < 3; k++) {
                    System.gc();
                    Thread.sleep(20);
                }
                List<ByteBuffer> refill = new ArrayList<>();
                for (int k = 0; k < 20_000; k++) {
                    refill.add(ByteBuffer.allocateDirect(4).order(ByteOrder.nativeOrder()).putFloat(0, 1000f + k));
                    ByteBuffer four = ByteBuffer.allocateDirect(16).order(ByteOrder.nativeOrder());
                    for (int j = 0; j < 4; j++) {
                        four.putFloat(4 * j, 1000f + k);
                    }
                    refill.add(four);
                }
                collector.backward(y.sum());
                try (NDArray g = x.getGradient()) {
                    return g.toFloatArray()[0];
                }
            }
        }
    }
}
