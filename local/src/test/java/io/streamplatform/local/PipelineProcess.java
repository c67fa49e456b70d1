package io.streamplatform.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** {@code ./pipeline ARGS} as a separate process, as a user runs it; its stdout collected line by line. */
final class PipelineProcess {
    final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final StringBuffer all = new StringBuffer();
    private final Thread pump;

    /** Its exit code and everything it printed. */
    record Ended(int code, String output) {}

    private PipelineProcess(Process process) {
        this.process = process;
        pump = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    all.append(line).append('\n');
                    lines.add(line);
                }
            } catch (IOException ended) {
                // the process ended
            }
        }, "pipeline-stdout");
        pump.setDaemon(true);
        pump.start();
    }

    static PipelineProcess start(String... args) throws IOException {
        return start(Map.of(), args);
    }

    /** As above, with {@code env} added to its environment (and so to its child processes'). */
    static PipelineProcess start(Map<String, String> env, String... args) throws IOException {
        Path logs = Path.of(System.getProperty("test.log.dir", "target/test-logs")).toAbsolutePath();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx768m",
                "-cp", testClassPath(),
                "-Dplatform.home=" + PlatformHome.locate().root(),
                "-Dlog4j2.configurationFile=" + System.getProperty("log4j2.configurationFile", ""),
                "-Dtest.log.dir=" + logs,
                "-Dlog4j2.statusLoggerLevel=ERROR",
                "io.streamplatform.local.LocalPipeline"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        Process p = builder.redirectError(logs.resolve(args[0] + "-" + System.nanoTime() + ".err").toFile()).start();
        return new PipelineProcess(p);
    }

    /** Waits for the first line starting with {@code prefix} and returns its {@code key=value} fields. */
    Map<String, String> awaitLine(String prefix) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline) {
            String line = lines.poll(1, TimeUnit.SECONDS);
            if (line != null && line.startsWith(prefix)) return ChildOutput.keyValues(line.substring(prefix.length()));
            if (line == null && !process.isAlive()) break;
        }
        throw new AssertionError("no line starting '" + prefix + "': " + all);
    }

    String output() {
        return all.toString();
    }

    /** Waits for it to end by itself, then its exit code and everything it printed. */
    Ended awaitEnd() throws InterruptedException {
        return ended();
    }

    /** SIGTERM, then its exit code and everything it printed. (Process.destroy would also close its output pipe.) */
    Ended terminate() throws InterruptedException {
        process.toHandle().destroy();
        return ended();
    }

    /** SIGINT, what Ctrl-C in a terminal sends, then its exit code and everything it printed. */
    Ended interrupt() throws Exception {
        assertThat(new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor()).as("kill -INT").isZero();
        return ended();
    }

    /**
     * Ends it if it still runs (a test that failed half-way): SIGTERM, so its shutdown hook ends the processes it
     * started (SIGKILL would leave them orphaned), and SIGKILL only if it has not ended after two minutes.
     */
    void end() throws InterruptedException {
        if (!process.isAlive()) return;
        process.toHandle().destroy();
        if (!process.waitFor(120, TimeUnit.SECONDS)) process.destroyForcibly();
    }

    private Ended ended() throws InterruptedException {
        assertThat(process.waitFor(180, TimeUnit.SECONDS)).as("ended after the signal: " + all).isTrue();
        pump.join(10_000);
        return new Ended(process.exitValue(), all.toString());
    }

    /** The test JVM's class path (surefire passes it in a property when it starts the JVM from a manifest jar). */
    private static String testClassPath() {
        String cp = System.getProperty("surefire.test.class.path");
        return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
    }
}
