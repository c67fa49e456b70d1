package io.streamplatform.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real Kafka broker (child JVM) for all test classes of this JVM, started on first use and stopped when
 * JUnit closes its root store. Tests isolate themselves with their own topic names.
 */
public final class SharedKafka implements BeforeAllCallback, BeforeEachCallback, ExtensionContext.Store.CloseableResource {
    private static KafkaBroker broker;

    @Override
    public synchronized void beforeAll(ExtensionContext context) throws Exception {
        if (broker != null) return;
        Path base = Path.of(System.getProperty("test.log.dir", "target/test-logs")).toAbsolutePath();
        Files.createDirectories(base);
        Path dir = Files.createTempDirectory(base, "kafka-");
        broker = KafkaBroker.start(PlatformHome.locate(), dir, Duration.ofSeconds(90));
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put(SharedKafka.class.getName(), this);
    }

    /** PID of the shared broker, or -1 if none runs: tests looking for leftover processes exclude it. */
    public static synchronized long pid() {
        return broker == null ? -1 : broker.pid();
    }

    /** Also usable on a single test method. */
    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        beforeAll(context);
    }

    public static String bootstrap() {
        if (broker == null) throw new IllegalStateException("annotate the test class with @ExtendWith(SharedKafka.class)");
        return broker.bootstrap();
    }

    @Override
    public synchronized void close() {
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }
}
