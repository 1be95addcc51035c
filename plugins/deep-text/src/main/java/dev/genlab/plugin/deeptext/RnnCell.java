package dev.genlab.plugin.deeptext;

/** The recurrent cell of {@code char-rnn}: {@code lstm} (Hochreiter and Schmidhuber 1997) or {@code gru} (Cho et al. 2014). */
public enum RnnCell {
    LSTM(4),
    GRU(3);

    private final int gates;

    RnnCell(int gates) {
        this.gates = gates;
    }

    /** Gate blocks stacked in each weight matrix (PyTorch's layout: i, f, g, o for LSTM; r, z, n for GRU). */
    int gates() {
        return gates;
    }
}
