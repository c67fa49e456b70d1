package io.streamplatform.clients;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * What the producer and consumer apps share as command-line programs: the exit codes, the parse step, and running as
 * the process, where SIGTERM / Ctrl-C asks the run to stop and the process exits with the run's own exit code.
 */
public abstract class CliApp {
    /** Success. */
    public static final int EXIT_OK = 0;
    /** The run itself failed (records failed, verification failed, ...). */
    public static final int EXIT_FAILED = 1;
    /** A usage error, or Kafka / a topic is unreachable, or the metrics endpoint cannot be served. */
    public static final int EXIT_USAGE = 2;

    protected final PrintStream out;
    protected final PrintStream err;
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile int exitCode = EXIT_FAILED;

    protected CliApp(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** The whole program, without {@code System.exit}; returns the exit code. */
    protected abstract int parseAndRun(String[] args);

    /** Asks a running {@link #parseAndRun} to stop soon and finish normally (called from the shutdown hook). */
    protected abstract void requestStop();

    /** How long the shutdown hook waits for the run to finish after {@link #requestStop()}. */
    protected abstract Duration shutdownWait();

    /** Called by the shutdown hook when the run did not finish within {@link #shutdownWait()}, before it halts with {@link #EXIT_FAILED}. */
    protected void onShutdownTimeout() {}

    /** Runs the program; flushes stdout and stderr and marks the run finished however it ends; returns the exit code. */
    public final int execute(String[] args) {
        try {
            exitCode = parseAndRun(args);
            return exitCode;
        } finally {
            out.flush();
            err.flush();
            finished.countDown();
        }
    }

    /**
     * Runs the program as this process and exits with its exit code. On SIGTERM / Ctrl-C meanwhile, the shutdown hook
     * requests a stop, waits up to {@link #shutdownWait()} for the run to finish, and halts with the run's exit code
     * (or calls {@link #onShutdownTimeout()} and halts with {@link #EXIT_FAILED} when it does not finish in time).
     */
    protected final void runAsProcess(String[] args, String hookThreadName) {
        Thread hook = new Thread(() -> {
            requestStop();
            try {
                if (!finished.await(shutdownWait().toMillis(), TimeUnit.MILLISECONDS)) {
                    onShutdownTimeout();
                    Runtime.getRuntime().halt(EXIT_FAILED);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            out.flush();
            Runtime.getRuntime().halt(exitCode);
        }, hookThreadName);
        Runtime.getRuntime().addShutdownHook(hook);
        int code = execute(args);
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            return; // a signal arrived: the hook prints nothing more and exits with our code
        }
        out.flush();
        System.exit(code);
    }

    /**
     * Starts the app's metrics ({@link AppMetrics#start}); when the endpoint cannot be served, prints one
     * {@code error: } line to stderr and returns null (the app then exits with {@link #EXIT_USAGE}).
     */
    protected final AppMetrics startMetrics(MetricsOptions options, String app, String catalogueJob) {
        try {
            return AppMetrics.start(options, app, catalogueJob, out);
        } catch (AppMetrics.Failure f) {
            err.println("error: " + f.getMessage());
            return null;
        }
    }

    /**
     * Parses {@code args} into the options of {@code cl}, with picocli's output going to this app's stdout / stderr.
     * Prints the usage or version help when asked for; then runs {@code validate}, which may throw a
     * {@link ParameterException}. A bad argument prints one {@code error: } line and the usage to stderr.
     *
     * @return the exit code to stop with now ({@link #EXIT_OK} after help, {@link #EXIT_USAGE} on a usage error),
     *     or empty when the options are valid and the program should go on
     */
    protected final OptionalInt parse(CommandLine cl, String[] args, Runnable validate) {
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        try {
            cl.parseArgs(args);
            if (cl.isUsageHelpRequested()) {
                cl.usage(out);
                return OptionalInt.of(EXIT_OK);
            }
            if (cl.isVersionHelpRequested()) {
                cl.printVersionHelp(out);
                return OptionalInt.of(EXIT_OK);
            }
            validate.run();
        } catch (ParameterException e) {
            err.println("error: " + e.getMessage());
            e.getCommandLine().usage(err);
            return OptionalInt.of(EXIT_USAGE);
        }
        return OptionalInt.empty();
    }
}
