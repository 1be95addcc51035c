package dev.genlab.cli;

import dev.genlab.runtime.UserException;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;

/** Entry point of the {@code genlab} command. Exit codes: 0 ok, 1 the run failed, 2 user error, 130 cancelled. */
public final class Main {
    public static final int OK = dev.genlab.runtime.ExitCodes.OK;
    public static final int RUN_FAILED = dev.genlab.runtime.ExitCodes.RUN_FAILED;
    public static final int USER_ERROR = dev.genlab.runtime.ExitCodes.USER_ERROR;
    public static final int CANCELLED = dev.genlab.runtime.ExitCodes.CANCELLED;

    private Main() {
    }

    public static void main(String[] args) {
        NativeStderr.install();
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit code (tests call this). */
    public static int execute(String... args) {
        boolean verbose = false;
        boolean noColor = false;
        for (String a : args) {
            verbose |= a.equals("-v") || a.equals("--verbose");
            noColor |= a.equals("--no-color");
        }
        Style.configure(noColor);
        configureLogging(verbose);
        String threads = System.getenv("GENLAB_THREADS");
        if (threads != null && !threads.isBlank() && !threads.trim().matches("[1-9][0-9]{0,3}")) {
            System.err.println("error: environment variable GENLAB_THREADS: '" + threads
                    + "' is not a number of threads (a whole number >= 1; unset it for the default: the cores free at start)");
            return USER_ERROR;
        }
        String malloc = System.getenv("GENLAB_MALLOC");
        if (malloc != null && !malloc.isBlank() && !List.of("tuned", "system").contains(malloc.trim().toLowerCase(java.util.Locale.ROOT))) {
            System.err.println("error: environment variable GENLAB_MALLOC: '" + malloc
                    + "' is not an allocator setting (valid: tuned, system; unset it for the default: tuned)");
            return USER_ERROR;
        }
        CommandLine cli = new CommandLine(new GenlabCommand());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            if (e instanceof UserException) {
                err.println(Style.current().error("error: ") + e.getMessage());
                err.flush();
                return USER_ERROR;
            }
            String io = e instanceof java.io.IOException || e instanceof java.io.UncheckedIOException
                    ? dev.genlab.runtime.util.IoErrors.describeOrNull(e) : null;
            err.println(Style.current().error("error: ") + (io != null ? io : e instanceof dev.genlab.runtime.plugin.PluginFailure ? e.getMessage() : e));
            if (parseResult.hasMatchedOption("--verbose")) {
                e.printStackTrace(err);
            } else {
                err.println("(run with --verbose for the stack trace)");
            }
            err.flush();
            return RUN_FAILED;
        });
        cli.setParameterExceptionHandler((e, a) -> {
            PrintWriter err = e.getCommandLine().getErr();
            err.println(Style.current().error("error: ") + e.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
            err.println("see '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'");
            err.flush();
            return USER_ERROR;
        });
        return cli.execute(args);
    }

    private static void configureLogging(boolean verbose) {
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        if (verbose) {
            System.setProperty("org.slf4j.simpleLogger.log.dev.genlab", "debug");
        }
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        System.setProperty("org.slf4j.simpleLogger.showThreadName", "false");
        System.setProperty("org.slf4j.simpleLogger.showLogName", "false");
        System.setProperty("org.slf4j.simpleLogger.showShortLogName", "false");
        System.setProperty("org.slf4j.simpleLogger.levelInBrackets", "true");
    }
}
