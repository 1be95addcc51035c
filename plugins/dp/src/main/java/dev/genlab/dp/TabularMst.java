package dev.genlab.dp;

import dev.genlab.spi.PublicDomain;
import dev.genlab.spi.Table;
import java.util.List;
import java.util.Objects;

/**
 * MST on a genlab table: the columns are coded through their public domain ({@link DomainCodec}), MST fits a tree
 * model to the codes ({@link Mst}), and samples are decoded back into a table of the training schema.
 */
public final class TabularMst {
    private final DomainCodec codec;
    private final Mst.Result result;

    private TabularMst(DomainCodec codec, Mst.Result result) {
        this.codec = codec;
        this.result = result;
    }

    /**
     * @param bins bins per numeric column over its public range
     * @param seed every noise draw and selection of the fit derives from it
     */
    public static TabularMst fit(Table train, PublicDomain domain, double epsilon, double delta, int bins, long seed) {
        Objects.requireNonNull(train, "train is null");
        Objects.requireNonNull(domain, "domain is null");
        DomainCodec codec = new DomainCodec(train.schema(), domain, bins);
        return new TabularMst(codec, Mst.fit(codec.encode(train), codec.sizes(), epsilon, delta, seed));
    }

    /** {@code rows} synthetic rows, the same for the same seed. */
    public Table sample(int rows, long seed) {
        return new FittedMst(this).sample(rows, seed).asTable();
    }

    /** The ε spent at the fit's δ. */
    public double epsilonSpent() {
        return result.epsilonSpent();
    }

    /** What each measurement cost. */
    public ZcdpAccountant ledger() {
        return result.ledger();
    }

    DomainCodec codec() {
        return codec;
    }

    TreeModel model() {
        return result.model();
    }

    /** The fitted tree's edges, as column indices of the training schema. */
    public List<int[]> edges() {
        return result.model().edges();
    }
}
