package io.streamplatform.local;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.jar.JarFile;

/**
 * Where the built platform lives: the repository root, whose modules hold the broker classpath and the
 * producer and consumer jars local mode launches. Found from {@code -Dplatform.home}, {@code PLATFORM_HOME},
 * or by walking up from the working directory.
 *
 * <p>Catalogue jobs defined outside this build reach the apps through {@code -Dpipeline.extra.classpath} (the
 * {@code ./pipeline} script sets it from {@code PIPELINE_CLASSPATH}): it is added to the producer's and consumer's
 * class path, so their generator and verifier are found like the built-in jobs'.
 */
public record PlatformHome(Path root) {
    /** Extra class path entries for the apps (jobs defined outside this build); empty when none. */
    public static final String EXTRA_CLASSPATH = "pipeline.extra.classpath";

    public static PlatformHome locate() {
        String configured = System.getProperty("platform.home", System.getenv("PLATFORM_HOME"));
        if (configured != null) return new PlatformHome(Path.of(configured).toAbsolutePath().normalize());
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("broker")) && Files.isDirectory(p.resolve("producer"))) return new PlatformHome(p);
        }
        throw new LocalModeException("cannot find the platform's build: run from the repository or set -Dplatform.home");
    }

    public Path brokerLib() {
        return built(root.resolve("broker/target/lib"));
    }

    /** Flink's plugins directory for separate Flink processes (the S3 filesystem). */
    /** The JMX Prometheus exporter's Java agent, which serves the local broker's metrics. */
    public Path jmxExporterAgent() {
        return built(root.resolve("local/target/jmx-exporter/jmx_prometheus_javaagent.jar"));
    }

    public Path flinkPlugins() {
        return built(root.resolve("local/target/plugins"));
    }

    /** The S3-compatible server's jar (S3Proxy with its dependencies). */
    public Path s3ProxyJar() {
        return built(root.resolve("local/target/s3proxy/s3proxy.jar"));
    }

    /** The shaded jar of an app module ({@code producer}, {@code consumer}). */
    public Path appJar(String app) {
        return built(root.resolve(app + "/target/" + app + ".jar"));
    }

    /**
     * Starts an app ({@code producer} or {@code consumer}) as a child JVM: its jar's main class, with the extra
     * class path after the jar.
     */
    public JavaProcess startApp(String app, List<String> jvmArgs, List<String> args, Path logFile, Consumer<String> stdout) {
        Path jar = appJar(app);
        String mainClass;
        try (JarFile j = new JarFile(jar.toFile())) {
            mainClass = j.getManifest().getMainAttributes().getValue("Main-Class");
        } catch (IOException | NullPointerException e) {
            throw new LocalModeException("cannot read the main class of " + jar + ": " + e.getMessage());
        }
        String extra = System.getProperty(EXTRA_CLASSPATH, "");
        List<String> command = new ArrayList<>(jvmArgs);
        command.addAll(List.of("-cp", extra.isBlank() ? jar.toString() : jar + File.pathSeparator + extra, mainClass));
        command.addAll(args);
        return JavaProcess.start(app, command, logFile, stdout);
    }

    private static Path built(Path p) {
        if (!Files.exists(p)) {
            throw new LocalModeException(p + " is missing: build first with ./mvnw -DskipTests package");
        }
        return p;
    }
}
