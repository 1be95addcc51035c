package dev.genlab.spark;

import com.typesafe.config.Config;
import dev.genlab.runtime.config.Problems;
import java.util.Objects;
import java.util.Map;
import java.util.Optional;

import java.util.regex.Pattern;

/**
 * {@code sweep.launcher { type = spark, ... }}: where and how a sweep's trials run on a Spark cluster. Defaults and
 * descriptions in {@code dev/genlab/spark/launcher-defaults.conf}.
 */
public record SparkLauncherSettings(String master, Optional<String> sparkHome, int executorCores, String executorMemory, String driverMemory,
        int trialCores, String trialMemory, int maxAttempts, int submitTimeout, Map<String, String> conf) {
    static final Pattern MEMORY = Pattern.compile("[1-9][0-9]*[kKmMgGtT]?");
    private static final Pattern MASTER = Pattern.compile("spark://[^/\\s]+(:[0-9]+)?(,[^/\\s]+(:[0-9]+)?)*|local(\\[([1-9][0-9]*|\\*)(,[1-9][0-9]*)?])?"
            + "|yarn|k8s://\\S+");
    static final String MASTERS = "spark://host:7077 (standalone), yarn, k8s://https://host:443 (Kubernetes), local[N] (this machine)";

    /** Spark properties the launcher sets from its own keys, which {@code conf} must not set behind their back. */
    static final Map<String, String> MANAGED = Map.of("spark.master", "master", "spark.submit.deployMode", "(always client: the driver writes the local store)",
            "spark.executor.cores", "executor-cores", "spark.executor.memory", "executor-memory", "spark.driver.memory", "driver-memory",
            "spark.task.cpus", "trial-cores", "spark.task.maxFailures", "max-attempts", "spark.archives", "(genlab's own files; see the launcher's README)");

    public SparkLauncherSettings {
        Objects.requireNonNull(master, "master is null");
        Objects.requireNonNull(sparkHome, "sparkHome is null");
        Objects.requireNonNull(executorMemory, "executorMemory is null");
        Objects.requireNonNull(driverMemory, "driverMemory is null");
        Objects.requireNonNull(trialMemory, "trialMemory is null");
        conf = Map.copyOf(conf);
    }

    /**
     * Every value that is well typed but unusable, each located at its key in {@code block} (all of them, not the
     * first: a user with three typos sees three lines).
     *
     * @return whether there were none
     */
    boolean validate(Config block, Problems problems) {
        int before = problems.size();
        Reporter at = (ok, key, message) -> {
            if (!ok) {
                problems.at(block, key, "sweep.launcher." + key, message);
            }
        };
        at.check(MASTER.matcher(master).matches(), "master", "'" + master + "' is not a Spark master; expected " + MASTERS);
        at.check(sparkHome.isEmpty() || !sparkHome.get().isBlank(), "spark-home", "is empty; name the Spark installation (the directory with bin/spark-submit)");
        at.check(executorCores >= 1, "executor-cores", "expected at least 1 but got " + executorCores);
        at.check(trialCores >= 1, "trial-cores", "expected at least 1 but got " + trialCores);
        at.check(trialCores <= executorCores, "trial-cores", trialCores + " cores per trial do not fit in an executor of executor-cores = " + executorCores);
        at.check(maxAttempts >= 1, "max-attempts", "expected at least 1 but got " + maxAttempts);
        at.check(submitTimeout >= 1, "submit-timeout", "expected a number of seconds, at least 1, but got " + submitTimeout);
        Map<String, String> memory = new java.util.LinkedHashMap<>();
        memory.put("executor-memory", executorMemory);
        memory.put("driver-memory", driverMemory);
        memory.put("trial-memory", trialMemory);
        memory.forEach((key, value) -> at.check(MEMORY.matcher(value).matches(), key, "'" + value + "' is not an amount of memory; expected e.g. 512m, 4g"));
        for (String key : new java.util.TreeSet<>(conf.keySet())) {
            String own = MANAGED.get(key);
            at.check(key.startsWith("spark."), "conf", "'" + key + "' is not a Spark property (they start with 'spark.'; quote them: conf { \"spark.x.y\" = z })");
            at.check(own == null, "conf", "'" + key + "' is set by the launcher" + (own != null && own.startsWith("(") ? " " + own : "; use its key '" + own + "'"));
        }
        return problems.size() == before;
    }

    @FunctionalInterface
    private interface Reporter {
        void check(boolean ok, String key, String message);
    }

    /** Whether the cluster is this machine (local[N], or a standalone master on a loopback address). */
    boolean loopback() {
        if (master.startsWith("local")) {
            return true;
        }
        if (!master.startsWith("spark://")) {
            return false;
        }
        for (String hostPort : master.substring("spark://".length()).split(",")) {
            String host = hostPort.replaceFirst(":[0-9]+$", "");
            if (!(host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]"))) {
                return false;
            }
        }
        return true;
    }

}
