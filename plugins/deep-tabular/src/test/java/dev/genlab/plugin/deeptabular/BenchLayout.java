package dev.genlab.plugin.deeptabular;

import dev.genlab.plugin.djl.tabular.Span;
import dev.genlab.spi.FittedModel;
import java.util.Locale;
import java.util.stream.Collectors;

/** For benchmarks: the encoded layout of a fitted deep model, so a side-by-side script can build the same network. */
public final class BenchLayout {
    private BenchLayout() {
    }

    /** The output blocks in order, e.g. {@code tanh:1,softmax:5,tanh:1,softmax:5}. */
    public static String of(FittedModel fitted) {
        return ((FittedDeepModel) fitted).transformer.spans().stream()
                .map(s -> s.activation().name().toLowerCase(Locale.ROOT) + ":" + s.width()).collect(Collectors.joining(","));
    }

    /** The encoded width: the sum of the blocks. */
    public static int width(FittedModel fitted) {
        return ((FittedDeepModel) fitted).transformer.spans().stream().mapToInt(Span::width).sum();
    }
}
