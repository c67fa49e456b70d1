package io.streamplatform.clients;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An app's {@code main} run as a child JVM on the test classpath, as a user runs it: its whole stdout and stderr
 * (Kafka clients' own log lines included, at INFO rather than the apps' quiet default) captured to files, for tests that look at everything
 * a run prints.
 */
public record ChildApp(int code, String out, String err, Duration elapsed) {
    public static ChildApp run(Class<?> main, Map<String, String> env, Duration limit, String... args) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory(Files.createDirectories(Paths.get("target")), "child-app-");
        List<String> command = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                // As verbose as a user would run it: every Kafka client logs its whole configuration at INFO.
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=info", "-Dorg.slf4j.simpleLogger.log.org.apache.kafka=info",
                main.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectOutput(dir.resolve("stdout").toFile())
                .redirectError(dir.resolve("stderr").toFile());
        pb.environment().remove("KAFKA_CLIENT_CONFIG");
        pb.environment().putAll(env);
        long start = System.nanoTime();
        Process p = pb.start();
        if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError(main.getSimpleName() + " did not exit within " + limit + "; stderr:\n"
                    + Files.readString(dir.resolve("stderr")));
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        return new ChildApp(p.exitValue(), Files.readString(dir.resolve("stdout"), StandardCharsets.UTF_8),
                Files.readString(dir.resolve("stderr"), StandardCharsets.UTF_8), elapsed);
    }

    /** The lines of stderr starting with "error:". */
    public List<String> errorLines() {
        return err.lines().filter(l -> l.startsWith("error:")).toList();
    }
}
