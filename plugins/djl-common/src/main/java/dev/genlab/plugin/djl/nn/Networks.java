package dev.genlab.plugin.djl.nn;

import java.util.LinkedHashMap;
import java.util.Map;

/** A model's networks and optimizers by name, saved and restored together (weights for sampling, all for checkpoints). */
public final class Networks {
    private final Map<String, ParameterSet> networks = new LinkedHashMap<>();
    private final Map<String, Adam> optimizers = new LinkedHashMap<>();
    private final Map<String, WeightAverage> averages = new LinkedHashMap<>();

    public ParameterSet network(String name, ParameterSet params) {
        networks.put(name, params);
        return params;
    }

    public Adam optimizer(String name, Adam adam) {
        optimizers.put(name, adam);
        return adam;
    }

    /** Keeps {@code average} (of the network {@code name}) in checkpoints. */
    public WeightAverage average(String name, WeightAverage average) {
        averages.put(name, average);
        return average;
    }

    /** The weights of the named networks, prefixed {@code name.}. */
    public Weights weights(String... names) {
        Weights all = new Weights(Map.of());
        for (String n : names) {
            all = all.with(n + ".", networks.get(n).snapshot());
        }
        return all;
    }

    public Weights checkpoint() {
        Weights all = weights(networks.keySet().toArray(new String[0]));
        for (Map.Entry<String, Adam> e : optimizers.entrySet()) {
            all = all.with("adam." + e.getKey() + ".", e.getValue().state());
        }
        for (Map.Entry<String, WeightAverage> e : averages.entrySet()) {
            all = all.with("average." + e.getKey() + ".", e.getValue().state());
        }
        return all;
    }

    public void restore(Weights state) {
        networks.forEach((name, p) -> p.assign(state.part(name + ".")));
        optimizers.forEach((name, a) -> a.restore(state.part("adam." + name + ".")));
        averages.forEach((name, a) -> a.restore(state.part("average." + name + ".")));
    }

    public long parameterCount() {
        long n = 0;
        for (ParameterSet p : networks.values()) {
            n += p.parameterCount();
        }
        return n;
    }
}
