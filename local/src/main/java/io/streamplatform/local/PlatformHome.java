package io.streamplatform.local;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the built platform lives: the repository root, whose modules hold the broker classpath and the
 * producer and consumer jars local mode launches. Found from {@code -Dplatform.home}, {@code PLATFORM_HOME},
 * or by walking up from the working directory.
 */
public record PlatformHome(Path root) {

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

    public Path producerJar() {
        return built(root.resolve("producer/target/producer.jar"));
    }

    public Path consumerJar() {
        return built(root.resolve("consumer/target/consumer.jar"));
    }

    private static Path built(Path p) {
        if (!Files.exists(p)) {
            throw new LocalModeException(p + " is missing: build first with ./mvnw -DskipTests package");
        }
        return p;
    }
}
