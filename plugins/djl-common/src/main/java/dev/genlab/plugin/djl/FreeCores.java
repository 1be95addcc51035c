package dev.genlab.plugin.djl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How many cores are idle right now: the idle share of all CPU time over a short window ({@code /proc/stat}'s
 * {@code cpu} line read twice), times the cores this JVM may use, rounded, at least 1 and at most
 * {@code availableProcessors()}. Where {@code /proc/stat} cannot be read (not Linux), all available cores.
 */
public final class FreeCores {
    static final long WINDOW_MILLIS = 100;

    private FreeCores() {
    }

    public static int measure() {
        int cores = Runtime.getRuntime().availableProcessors();
        try {
            long[] a = idleAndTotal(Files.readString(Path.of("/proc/stat")));
            Thread.sleep(WINDOW_MILLIS);
            String later = Files.readString(Path.of("/proc/stat"));
            return fromSamples(a, idleAndTotal(later), cores, onlineCpus(later));
        } catch (IOException | RuntimeException e) {
            return cores;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return cores;
        }
    }

    /**
     * Free cores from two {@code (idle, total)} samples of the machine-wide counters: the machine's idle share times
     * its {@code online} CPUs, capped at the {@code cores} this process may use.
     */
    static int fromSamples(long[] before, long[] after, int cores, int online) {
        long total = after[1] - before[1];
        if (total <= 0) {
            return cores;
        }
        double idle = (double) (after[0] - before[0]) / total * Math.max(online, 1);
        return (int) Math.max(1, Math.min(cores, Math.round(idle)));
    }

    /** {@code (idle + iowait, sum of all fields)} of the first ({@code cpu}) line of {@code /proc/stat}. */
    static long[] idleAndTotal(String procStat) {
        String line = procStat.lines().filter(l -> l.startsWith("cpu ")).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no cpu line"));
        String[] f = line.trim().split("\\s+");
        long total = 0;
        for (int i = 1; i < f.length && i <= 8; i++) { // user nice system idle iowait irq softirq steal
            total += Long.parseLong(f[i]);
        }
        long idle = Long.parseLong(f[4]) + (f.length > 5 ? Long.parseLong(f[5]) : 0);
        return new long[] {idle, total};
    }

    /** The per-CPU ({@code cpuN}) lines of a {@code /proc/stat} sample. */
    static int onlineCpus(String procStat) {
        return (int) procStat.lines().filter(l -> l.matches("cpu\\d+ .*")).count();
    }
}
