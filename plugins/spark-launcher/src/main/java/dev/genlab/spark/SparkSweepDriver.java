package dev.genlab.spark;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.spark.SparkConf;
import org.apache.spark.TaskFailedReason;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;

/**
 * The sweep's Spark application (spark-submit, client mode, so it runs on the machine of the {@code genlab} process
 * that submitted it). It connects back to that process over loopback, takes trials from it, runs each as a job of
 * one task in its own job group (so Ctrl-C can cancel it), and sends back the task's progress (from a
 * {@link SparkListener}) and result: the trial's run directory, zipped.
 *
 * <p>Arguments: the port genlab listens on. Environment: {@link Wire#TOKEN_ENV}.
 */
public final class SparkSweepDriver {
    private static final String GROUP = "genlab-trial-";

    private SparkSweepDriver() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        String token = System.getenv(Wire.TOKEN_ENV);
        try (Wire wire = new Wire(new Socket(InetAddress.getLoopbackAddress(), port))) {
            SparkConf conf = new SparkConf();
            int maxAttempts = conf.getInt("spark.task.maxFailures", 4);
            try (JavaSparkContext spark = new JavaSparkContext(conf)) {
                spark.sc().addSparkListener(new Progress(wire));
                wire.send(Wire.HELLO, token, spark.sc().applicationId(), spark.sc().uiWebUrl().isDefined() ? spark.sc().uiWebUrl().get() : "");
                ExecutorService jobs = Executors.newCachedThreadPool();
                for (int type = wire.type(); type != -1 && type != Wire.SHUTDOWN; type = wire.type()) {
                    switch (type) {
                        case Wire.TRIAL -> {
                            int index = wire.readInt();
                            String label = wire.readString();
                            int cores = wire.readInt();
                            List<String> command = wire.readStrings();
                            TrialSpec spec = new TrialSpec(index, label, command, cores, maxAttempts);
                            jobs.submit(() -> run(spark, wire, spec));
                        }
                        case Wire.CANCEL -> spark.cancelAllJobs();
                        default -> throw new IOException("unexpected message " + type + " from genlab");
                    }
                }
                spark.cancelAllJobs();
                jobs.shutdownNow();
            }
        }
    }

    /** One trial: a job of one task; its result, or why there is none, goes back to genlab. */
    private static void run(JavaSparkContext spark, Wire wire, TrialSpec spec) {
        try {
            spark.setJobGroup(GROUP + spec.index(), "genlab trial #" + spec.index() + " " + spec.label(), true);
            TrialResult r = spark.parallelize(List.of(spec), 1).map(new TrialTask()).collect().get(0);
            wire.send(Wire.RESULT, spec.index(), r.exitCode(), r.attempt(), r.log(), r.run());
        } catch (Exception e) {
            try {
                wire.send(Wire.NO_RESULT, spec.index(), String.valueOf(e.getMessage()));
            } catch (IOException gone) {
                // genlab is gone; nothing to tell
            }
        }
    }

    /** Forwards task starts and failed attempts to genlab, by trial (the job group of the task's stage). */
    private static final class Progress extends SparkListener {
        private final Wire wire;
        private final Map<Integer, Integer> trialOfStage = new ConcurrentHashMap<>();

        Progress(Wire wire) {
            this.wire = wire;
        }

        @Override
        public void onStageSubmitted(SparkListenerStageSubmitted event) {
            String group = event.properties() == null ? null : event.properties().getProperty("spark.jobGroup.id");
            if (group != null && group.startsWith(GROUP)) {
                trialOfStage.put(event.stageInfo().stageId(), Integer.parseInt(group.substring(GROUP.length())));
            }
        }

        @Override
        public void onTaskStart(SparkListenerTaskStart event) {
            Integer trial = trialOfStage.get(event.stageId());
            if (trial != null) {
                send(Wire.STARTED, trial, event.taskInfo().attemptNumber());
            }
        }

        @Override
        public void onTaskEnd(SparkListenerTaskEnd event) {
            Integer trial = trialOfStage.get(event.stageId());
            if (trial != null && event.taskInfo().failed() && event.reason() instanceof TaskFailedReason reason) {
                send(Wire.ATTEMPT_FAILED, trial, event.taskInfo().attemptNumber(), firstLines(reason.toErrorString()));
            }
        }

        private void send(int type, Object... fields) {
            try {
                wire.send(type, fields);
            } catch (IOException e) {
                // genlab is gone: the application ends when the connection is read as closed
            }
        }
    }

    private static String firstLines(String text) {
        String[] lines = String.valueOf(text).split("\n");
        StringWriter out = new StringWriter();
        PrintWriter w = new PrintWriter(out);
        for (int i = 0; i < Math.min(3, lines.length); i++) {
            w.print((i == 0 ? "" : " ") + lines[i].trim());
        }
        w.flush();
        return out.toString();
    }
}
