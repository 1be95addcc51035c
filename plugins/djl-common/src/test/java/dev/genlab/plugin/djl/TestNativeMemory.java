package dev.genlab.plugin.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TestNativeMemory {
    @Test
    void tunesOnLinuxUnlessTheUserChoseTheAllocatorsSettings() {
        assertNull(NativeMemory.skipReason("Linux", Map.of(), null));
        assertNull(NativeMemory.skipReason("Linux", Map.of("GENLAB_MALLOC", "tuned"), null));
        assertNull(NativeMemory.skipReason("Linux", Map.of("GLIBC_TUNABLES", "glibc.cpu.hwcaps=-AVX2"), null));
        assertEquals("GENLAB_MALLOC=system", NativeMemory.skipReason("Linux", Map.of("GENLAB_MALLOC", "system"), null));
        assertEquals("GENLAB_MALLOC=system", NativeMemory.skipReason("Linux", Map.of(), " System "));
        assertNull(NativeMemory.skipReason("Linux", Map.of("GENLAB_MALLOC", "system"), "tuned"), "the property wins over the environment");
        assertEquals("GLIBC_TUNABLES sets malloc",
                NativeMemory.skipReason("Linux", Map.of("GLIBC_TUNABLES", "glibc.malloc.trim_threshold=1"), null));
        assertEquals("not Linux", NativeMemory.skipReason("Mac OS X", Map.of(), null));
    }

    /** On the Linux (glibc) machines genlab is built and tested on, glibc takes both values once the engine is up. */
    @Test
    void glibcTakesTheSettingsWhenTheEngineLoads() {
        DjlEngine.engine();
        String expected = NativeMemory.skipReason(System.getProperty("os.name", ""), System.getenv(), System.getProperty("genlab.malloc"));
        assertEquals(expected == null ? "tuned" : "kept: " + expected, NativeMemory.apply());
    }
}
