package io.streamplatform.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * An app jar (producer or consumer) run as its own JVM, as local mode starts it, to its end: its exit code, the
 * {@code error:} lines it printed and how long it took, JVM start included. Its output is in {@code log}.
 */
record AppRun(int exit, List<String> errors, double seconds) {
    static AppRun of(String app, Path log, List<String> args) throws Exception {
        long start = System.nanoTime();
        try (JavaProcess p = PlatformHome.locate().startApp(app, List.of("-Xmx256m"), args, log, line -> {})) {
            Integer exit = p.waitFor(Duration.ofSeconds(120));
            assertThat(exit).as(app + " ended (" + log + ")").isNotNull();
            return new AppRun(exit, Files.readAllLines(log).stream().filter(l -> l.startsWith("error:")).toList(),
                    (System.nanoTime() - start) / 1e9);
        }
    }
}
