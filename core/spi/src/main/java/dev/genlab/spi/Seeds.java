package dev.genlab.spi;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/** Derives independent, reproducible seeds from a run seed and a purpose name. */
public final class Seeds {
    private Seeds() {
    }

    /** A seed for {@code purpose} under {@code seed}; stable across JVMs and platforms. */
    public static long derive(long seed, String purpose) {
        long h = 0xcbf29ce484222325L; // FNV-1a over UTF-8: String.hashCode() is too weak for 64-bit seeds
        for (byte b : purpose.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return mix(seed ^ mix(h));
    }

    /** A random stream for {@code purpose} under {@code seed}. */
    public static SplittableRandom random(long seed, String purpose) {
        return new SplittableRandom(derive(seed, purpose));
    }

    /** SplitMix64 finaliser. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
