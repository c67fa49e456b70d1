package io.streamplatform.k8s.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** A copy of the chart in a test's directory, to change without touching the real one. */
public final class ChartCopy {
    private ChartCopy() {
    }

    public static Path of(Path dir) {
        Path target = dir.resolve("streaming-platform");
        try (Stream<Path> files = Files.walk(Chart.DIR)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path copy = target.resolve(Chart.DIR.relativize(source).toString());
                if (Files.isDirectory(source)) Files.createDirectories(copy);
                else Files.copy(source, copy);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }
}
