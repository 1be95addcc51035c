package dev.genlab.plugin.djl;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import java.util.Locale;
import java.util.Map;

/**
 * glibc's allocator, set for libtorch's pattern before the engine loads: every operation of a training step allocates
 * its result (up to a few MB on a 500-row batch) and frees it moments later. With glibc's defaults a block above the
 * (adaptive) mmap threshold is mapped afresh each time and freed memory above 128 KiB at the top of a heap goes back
 * to the kernel, so the next result is written to pages the kernel must fault in and zero: a ctgan fit on Adult
 * took 355,000 page faults, most of them in MKL's matrix-product kernel and {@code memset} writing new results.
 * Here blocks up to 32 MiB come from the heap and up to 256 MiB of free heap is kept for reuse: 190,000 faults, a
 * third less kernel time and ctgan's 2-thread epochs 5-12 % shorter (deep-tabular README, "glibc's allocator").
 *
 * <p>Applied once per process, on Linux with glibc only, through {@code mallopt}. Not applied when the user set
 * glibc's malloc tunables ({@code GLIBC_TUNABLES=glibc.malloc...}) or chose the allocator's defaults with
 * {@code GENLAB_MALLOC=system} (or {@code -Dgenlab.malloc=system}).
 */
public final class NativeMemory {
    /** Environment variable (or system property {@code genlab.malloc}): {@code system} keeps glibc's defaults. */
    public static final String VARIABLE = "GENLAB_MALLOC";
    static final int M_TRIM_THRESHOLD = -1;
    static final int M_MMAP_THRESHOLD = -3;
    /** The largest mmap threshold glibc accepts on 64-bit systems (half its 64 MiB heap size). */
    static final int MMAP_THRESHOLD = 32 << 20;
    static final int TRIM_THRESHOLD = 256 << 20;

    private static String outcome;

    private NativeMemory() {
    }

    /** What was done, once per process: "tuned", or why not ("kept: ..."). Safe to call again. */
    public static synchronized String apply() {
        if (outcome == null) {
            String reason = skipReason(System.getProperty("os.name", ""), System.getenv(), System.getProperty("genlab.malloc"));
            outcome = reason != null ? "kept: " + reason : tune();
        }
        return outcome;
    }

    /** Why the allocator is left as it is, or null to tune it. */
    static String skipReason(String osName, Map<String, String> env, String property) {
        String choice = property != null && !property.isBlank() ? property : env.get(VARIABLE);
        if (choice != null && !choice.isBlank()) {
            String c = choice.trim().toLowerCase(Locale.ROOT);
            if (c.equals("system")) {
                return VARIABLE + "=system";
            }
            if (!c.equals("tuned")) {
                System.err.println("warning: " + VARIABLE + " must be 'tuned' or 'system', not '" + choice + "'; using 'tuned'");
            }
        }
        if (!osName.toLowerCase(Locale.ROOT).startsWith("linux")) {
            return "not Linux";
        }
        String tunables = env.get("GLIBC_TUNABLES");
        if (tunables != null && tunables.contains("glibc.malloc.")) {
            return "GLIBC_TUNABLES sets malloc";
        }
        return null;
    }

    private static String tune() {
        try {
            Function mallopt = NativeLibrary.getInstance("c").getFunction("mallopt");
            int mmap = mallopt.invokeInt(new Object[] {M_MMAP_THRESHOLD, MMAP_THRESHOLD});
            int trim = mallopt.invokeInt(new Object[] {M_TRIM_THRESHOLD, TRIM_THRESHOLD});
            // glibc returns 1 when it took the value; musl's mallopt is a stub that returns 0
            return mmap == 1 && trim == 1 ? "tuned" : "kept: mallopt refused (" + mmap + ", " + trim + ")";
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return "kept: no mallopt (" + e.getMessage() + ")";
        }
    }
}
