package dev.genlab.spark;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.genlab.runtime.config.Problems;
import dev.genlab.runtime.sweep.SweepLauncher;
import dev.genlab.runtime.sweep.SweepLauncherContext;
import dev.genlab.runtime.sweep.SweepLauncherFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code sweep.launcher { type = spark, master = "spark://host:7077" }}: the sweep is one Spark application, each
 * trial one task. Before anything is submitted or written it checks that the installation has {@code bin/spark-submit}
 * and that a standalone master answers (YARN needs {@code HADOOP_CONF_DIR}, Kubernetes a container image).
 */
public final class SparkLauncherFactory implements SweepLauncherFactory<SparkLauncherSettings> {
    public static final String NAME = "spark";
    private static final int CONNECT_MILLIS = 3000;

    private final Map<String, String> environment;

    public SparkLauncherFactory() {
        this(System.getenv());
    }

    /** With {@code environment} in place of this process's (SPARK_HOME, HADOOP_CONF_DIR): tests. */
    SparkLauncherFactory(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Each trial a task of one Apache Spark application (standalone, YARN, Kubernetes), run by a genlab process on an executor";
    }

    @Override
    public Class<SparkLauncherSettings> settingsClass() {
        return SparkLauncherSettings.class;
    }

    @Override
    public Config defaults() {
        return ConfigFactory.parseResources(SparkLauncherFactory.class, "launcher-defaults.conf");
    }

    @Override
    public void check(SparkLauncherSettings settings, Config block, Problems problems) {
        if (!settings.validate(block, problems)) {
            return; // nothing is tried with values that are wrong already
        }
        sparkHome(settings, block, problems);
        String master = settings.master();
        if (master.startsWith("spark://")) {
            List<String> tried = new ArrayList<>();
            boolean answered = false;
            for (String hostPort : master.substring("spark://".length()).split(",")) {
                int colon = hostPort.lastIndexOf(':');
                String host = colon < 0 ? hostPort : hostPort.substring(0, colon);
                int port = colon < 0 ? 7077 : Integer.parseInt(hostPort.substring(colon + 1));
                tried.add(host + ":" + port);
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(host, port), CONNECT_MILLIS);
                    answered = true;
                    break;
                } catch (IOException e) {
                    // the next master, if any
                }
            }
            if (!answered) {
                problems.at(block, "master", "sweep.launcher.master", "no Spark master answers at " + String.join(", ", tried)
                        + " (start one: $SPARK_HOME/sbin/start-master.sh; or use " + SparkLauncherSettings.MASTERS + ")");
            }
        } else if (master.equals("yarn") && !environment.containsKey("HADOOP_CONF_DIR") && !environment.containsKey("YARN_CONF_DIR")) {
            problems.at(block, "master", "sweep.launcher.master", "master = yarn needs HADOOP_CONF_DIR (or YARN_CONF_DIR) in the environment,"
                    + " naming the cluster's Hadoop configuration");
        } else if (master.startsWith("k8s://") && !settings.conf().containsKey("spark.kubernetes.container.image")) {
            problems.at(block, "conf", "sweep.launcher.conf", "master = " + master + " needs the executors' container image:"
                    + " conf { \"spark.kubernetes.container.image\" = \"<registry>/spark:4.2.0\" }");
        }
    }

    /** The installation: {@code spark-home}, else SPARK_HOME; a problem if neither names a directory with bin/spark-submit. */
    Path sparkHome(SparkLauncherSettings settings, Config block, Problems problems) {
        String given = settings.sparkHome().orElse(environment.get("SPARK_HOME"));
        String key = "spark-home"; // else the launcher block's line: SPARK_HOME is the environment's
        String what = settings.sparkHome().isPresent() ? "spark-home" : "SPARK_HOME";
        if (given == null || given.isBlank()) {
            problems.at(block, "spark-home", "sweep.launcher.spark-home", "no Spark installation: set SPARK_HOME or spark-home = \"/path/to/spark\""
                    + " (a Spark 4 distribution, or pip's pyspark directory: python -c 'import pyspark,os;print(os.path.dirname(pyspark.__file__))')");
            return null;
        }
        Path home = Path.of(given);
        Path submit = home.resolve("bin").resolve(isWindows() ? "spark-submit.cmd" : "spark-submit");
        if (!Files.isDirectory(home)) {
            problems.at(block, key, "sweep.launcher.spark-home", what + " " + given + " is not a directory; name the Spark installation");
            return null;
        }
        if (!Files.isRegularFile(submit) || !Files.isExecutable(submit)) {
            problems.at(block, key, "sweep.launcher.spark-home", what + " " + given + " has no executable bin/" + submit.getFileName()
                    + "; name the Spark installation (the directory with bin/spark-submit)");
            return null;
        }
        return home;
    }

    private static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("windows");
    }

    @Override
    public SweepLauncher create(SparkLauncherSettings settings, SweepLauncherContext context) {
        Problems problems = new Problems();
        Path home = sparkHome(settings, ConfigFactory.empty(), problems);
        problems.throwIfAny();
        return new SparkSweepLauncher(settings, home, context);
    }
}
