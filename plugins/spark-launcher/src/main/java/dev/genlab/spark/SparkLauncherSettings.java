package dev.genlab.spark;

import dev.genlab.spi.PluginConfigException;
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
        if (!MASTER.matcher(master).matches()) {
            throw new PluginConfigException("master", "'" + master + "' is not a Spark master; expected " + MASTERS);
        }
        if (sparkHome.isPresent() && sparkHome.get().isBlank()) {
            throw new PluginConfigException("spark-home", "is empty; name the Spark installation (the directory with bin/spark-submit)");
        }
        at(executorCores >= 1, "executor-cores", "expected at least 1 but got " + executorCores);
        at(trialCores >= 1, "trial-cores", "expected at least 1 but got " + trialCores);
        at(trialCores <= executorCores, "trial-cores", trialCores + " cores per trial do not fit in an executor of executor-cores = " + executorCores);
        at(maxAttempts >= 1, "max-attempts", "expected at least 1 but got " + maxAttempts);
        at(submitTimeout >= 1, "submit-timeout", "expected a number of seconds, at least 1, but got " + submitTimeout);
        for (Map.Entry<String, String> m : Map.of("executor-memory", executorMemory, "driver-memory", driverMemory, "trial-memory", trialMemory).entrySet()) {
            at(MEMORY.matcher(m.getValue()).matches(), m.getKey(), "'" + m.getValue() + "' is not an amount of memory; expected e.g. 512m, 4g");
        }
        for (String key : conf.keySet()) {
            at(key.startsWith("spark."), "conf", "'" + key + "' is not a Spark property (they start with 'spark.'; quote them: conf { \"spark.x.y\" = z })");
            String own = MANAGED.get(key);
            at(own == null, "conf", "'" + key + "' is set by the launcher" + (own == null || own.startsWith("(") ? " " + own : "; use its key '" + own + "'"));
        }
        conf = Map.copyOf(conf);
    }

    private static void at(boolean ok, String key, String message) {
        if (!ok) {
            throw new PluginConfigException(key, message);
        }
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
