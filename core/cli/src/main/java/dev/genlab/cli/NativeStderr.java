package dev.genlab.cli;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Keeps what native libraries write to the process's stderr (libtorch's "Warning: AutoNonVariableTypeMode is
 * deprecated …", printed from C++ to file descriptor 2) off the console and in the run's {@code native.log}.
 *
 * <p>{@code System.setErr} cannot catch such output: only the file descriptor can be moved, and only before the JVM
 * starts. So the launcher ({@code bin/genlab}) keeps the console as descriptor 3 ({@code exec 3>&2}), sends the JVM's
 * descriptor 2 to a file, and names both: {@value #CONSOLE} (the console, e.g. {@code /dev/fd/3}) and
 * {@value #FILE} (the file). Here Java's own stderr (progress bars, errors, log messages) goes back to the console;
 * each run copies what the file gained since the last run into its directory. A file descriptor outlives the JVM, so
 * a native crash's last words stay in the file, which the launcher's {@code -XX:OnError} names on the console.
 * Without the two properties (tests, other launchers) nothing changes.
 */
final class NativeStderr {
    static final String CONSOLE = "genlab.console";
    static final String FILE = "genlab.native-stderr";
    /** The name of a run's copy, in its directory. */
    static final String RUN_LOG = "native.log";

    private static volatile Path file;
    /** Bytes of {@link #file} already copied into a run. */
    private static long copied;

    private NativeStderr() {
    }

    /** At start-up: Java's stderr back to the console if the launcher moved descriptor 2. */
    static void install() {
        String console = System.getProperty(CONSOLE);
        String native_ = System.getProperty(FILE);
        if (console == null || native_ == null || console.isBlank() || native_.isBlank()) {
            return;
        }
        OutputStream out;
        try {
            // append: a console redirected to a file ('2> err.txt') is reopened here, and must not be truncated
            out = new FileOutputStream(console, true);
        } catch (IOException e) {
            return; // stderr stays on the file: better than nothing, and the launcher's message names it
        }
        System.setErr(new PrintStream(out, true, StandardCharsets.UTF_8));
        file = Path.of(native_);
        Runtime.getRuntime().addShutdownHook(new Thread(NativeStderr::atExit, "genlab-native-stderr"));
    }

    /**
     * Copies what native libraries wrote since the last run into {@code runDirectory}/{@value #RUN_LOG}; returns that
     * file, or null if they wrote nothing (or the launcher did not move descriptor 2).
     */
    static synchronized Path keep(Path runDirectory) {
        Path from = file;
        if (from == null || runDirectory == null || !Files.isDirectory(runDirectory)) {
            return null;
        }
        try (FileChannel in = FileChannel.open(from, StandardOpenOption.READ)) {
            long size = in.size();
            if (size <= copied) {
                return null;
            }
            Path to = runDirectory.resolve(RUN_LOG);
            try (InputStream slice = Channels.newInputStream(in.position(copied));
                    OutputStream out = Files.newOutputStream(to, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
                byte[] buffer = new byte[8192];
                long left = size - copied;
                while (left > 0) {
                    int n = slice.read(buffer, 0, (int) Math.min(buffer.length, left));
                    if (n < 0) {
                        break;
                    }
                    out.write(buffer, 0, n);
                    left -= n;
                }
            }
            copied = size;
            return to;
        } catch (IOException e) {
            return null;
        }
    }

    /** The line a run's summary prints when native libraries wrote something during it. */
    static String summaryLine(Path log) {
        return "native libraries' stderr (e.g. libtorch warnings; kept off the console): " + log;
    }

    /** The file goes if every byte of it is in a run; otherwise it stays and the console says where. */
    private static synchronized void atExit() {
        Path f = file;
        try {
            if (f == null || !Files.exists(f)) {
                return;
            }
            if (Files.size(f) <= copied) {
                Files.deleteIfExists(f);
            } else {
                System.err.println("native libraries wrote to stderr outside a run: kept in " + f);
            }
        } catch (IOException e) {
            // the file stays
        }
    }
}
