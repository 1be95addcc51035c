package dev.genlab.plugin.deepimage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.genlab.plugin.djl.nn.ScalarOpsAudit;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * No class of this module calls DJL's {@code NDArray.mul(Number)} or kin, whose scalar the garbage collector can free
 * before the backward pass reads it (djl-common {@code Scalars}; the cause of ctgan's irreproducible losses).
 */
class TestNoUnsafeScalarOps {
    @Test
    void everyArrayWithNumberOperationGoesThroughScalars() throws Exception {
        assertEquals(List.of(), ScalarOpsAudit.findIn(Path.of("target/classes")));
    }
}
