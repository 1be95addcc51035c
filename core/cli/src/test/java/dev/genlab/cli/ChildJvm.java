package dev.genlab.cli;

import java.nio.file.Path;

/** What the tests that start genlab as a real child process share. */
final class ChildJvm {
    private ChildJvm() {
    }

    /** The java command running these tests (so the child gets the same JVM). */
    static String java() {
        return ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }
}
