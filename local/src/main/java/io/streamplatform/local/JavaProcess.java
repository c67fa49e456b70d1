package io.streamplatform.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A child JVM (or, through {@link #exec}, another program) this process started and owns: its stdout lines go to a
 * listener, both streams to a log file;
 * {@link #close()} ends it (SIGTERM, then SIGKILL after a grace period), and so does this JVM's exit if it was not
 * closed (a benchmark or pipeline killed by a signal). Only ever ends its own process.
 */
public final class JavaProcess implements AutoCloseable {
    private static final Duration GRACE = Duration.ofSeconds(15);
    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private final String name;
    private final Process process;
    private final Writer log;
    private final Deque<String> lastErrorLines = new ArrayDeque<>();
    private final List<Thread> pumps = new ArrayList<>();
    /** Ends the child if this JVM exits without closing it (a signal, an uncaught error). */
    private final Thread endOnExit;

    private JavaProcess(String name, Process process, Writer log) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.endOnExit = new Thread(this::end, name + "-end-on-exit");
        Runtime.getRuntime().addShutdownHook(endOnExit);
    }

    /**
     * @param args everything after {@code java}: JVM options, then {@code -cp ... Main} or {@code -jar ...}, then arguments
     */
    public static JavaProcess start(String name, List<String> args, Path logFile, Consumer<String> stdoutListener) {
        return start(name, args, logFile, stdoutListener, false);
    }

    /**
     * @param ownSession run it in a new session ({@code setsid}, where the system has it), so a terminal's Ctrl-C
     *     reaches only this JVM, which ends the child itself; the PID stays the child's (setsid execs it)
     */
    public static JavaProcess start(String name, List<String> args, Path logFile, Consumer<String> stdoutListener, boolean ownSession) {
        return start(name, args, logFile, stdoutListener, ownSession, Map.of());
    }

    /** @param env variables added to this JVM's environment for the child (credentials stay off its command line) */
    public static JavaProcess start(String name, List<String> args, Path logFile, Consumer<String> stdoutListener, boolean ownSession,
                                    Map<String, String> env) {
        List<String> command = new ArrayList<>();
        if (ownSession && Files.isExecutable(SETSID)) command.add(SETSID.toString());
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(args);
        return launch(name, command, logFile, stdoutListener, env);
    }

    /** A child that is not a JVM (Prometheus), ended the same way: {@code command} is the program and its arguments. */
    public static JavaProcess exec(String name, List<String> command, Path logFile) {
        return launch(name, command, logFile, line -> {}, Map.of());
    }

    private static JavaProcess launch(String name, List<String> command, Path logFile, Consumer<String> stdoutListener,
                                      Map<String, String> env) {
        try {
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            Writer log = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8);
            ProcessBuilder builder = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.PIPE);
            builder.environment().putAll(env);
            Process p = builder.start();
            p.getOutputStream().close();
            JavaProcess jp = new JavaProcess(name, p, log);
            jp.pump(p.getInputStream(), stdoutListener, false);
            jp.pump(p.getErrorStream(), line -> {}, true);
            return jp;
        } catch (IOException e) {
            throw new LocalModeException("cannot start " + name + ": " + e.getMessage(), e);
        }
    }

    private void pump(InputStream in, Consumer<String> listener, boolean isStderr) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    synchronized (log) {
                        log.write(line);
                        log.write('\n');
                        log.flush();
                    }
                    if (isStderr) remember(line);
                    listener.accept(line);
                }
            } catch (IOException e) {
                // the process ended; nothing more to read
            }
        }, name + (isStderr ? "-stderr" : "-stdout"));
        t.setDaemon(true);
        t.start();
        pumps.add(t);
    }

    private synchronized void remember(String line) {
        if (lastErrorLines.size() == 5) lastErrorLines.removeFirst();
        lastErrorLines.addLast(line);
    }

    /** The last few lines the process wrote to stderr, for error messages. */
    public synchronized String stderrTail() {
        return String.join(" | ", lastErrorLines);
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** {@code kill -9}: ends the process at once, as a crash would, and waits until it is gone. */
    public void kill() {
        signal("CONT"); // a stopped process is killed too, but its exit is only reaped once it runs
        process.destroyForcibly();
        try {
            process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@code SIGSTOP}: freezes the process (a long pause: its connections stay open, nothing answers). */
    public void pause() {
        signal("STOP");
    }

    /** {@code SIGCONT}: lets a frozen process run again. */
    public void resume() {
        signal("CONT");
    }

    private void signal(String signal) {
        if (!process.isAlive()) return;
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).redirectErrorStream(true).start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new LocalModeException("kill -" + signal + " " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new LocalModeException("cannot send SIG" + signal + " to " + name + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalModeException("interrupted while signalling " + name);
        }
    }

    /** Waits for the process to exit and its output to be read; null if it is still running at the deadline. */
    public Integer waitFor(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) return null;
        for (Thread t : pumps) t.join(5_000);
        return process.exitValue();
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(endOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to
        }
        try {
            end();
            for (Thread t : pumps) t.join(2_000);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            synchronized (log) {
                try {
                    log.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    /** SIGTERM, then SIGKILL after the grace period. */
    private void end() {
        if (!process.isAlive()) return;
        try {
            resume(); // a frozen process handles SIGTERM only once it runs again
        } catch (LocalModeException e) {
            process.destroyForcibly();
        }
        process.destroy();
        try {
            if (!process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
