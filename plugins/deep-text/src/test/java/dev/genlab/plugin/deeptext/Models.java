package dev.genlab.plugin.deeptext;

import dev.genlab.runtime.plugin.PluginKind;
import dev.genlab.spi.GenerativeModel;
import dev.genlab.testkit.PluginHarness;

/** Models built as a run builds them, with small settings so the tests train in about a second. */
final class Models {
    static final String CHAR_RNN = "device = cpu, epochs = 1, layers = 1, hidden = 16, embedding-dim = 8, sequence-length = 16, "
            + "batch-size = 8, max-length = 40";
    static final String GPT = "device = cpu, epochs = 1, layers = 1, heads = 2, d-model = 16, context = 16, batch-size = 8, max-length = 40";

    private Models() {
    }

    static String small(String model) {
        return switch (model) {
            case "char-rnn" -> CHAR_RNN;
            case "gpt" -> GPT;
            default -> throw new IllegalArgumentException(model);
        };
    }

    static GenerativeModel model(String name, String extra) {
        return PluginHarness.create(PluginHarness.descriptor(PluginKind.MODEL, name), small(name) + "\n" + extra, GenerativeModel.class);
    }
}
