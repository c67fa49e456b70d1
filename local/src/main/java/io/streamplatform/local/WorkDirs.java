package io.streamplatform.local;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Throwaway directories (broker data, checkpoints) of a run. */
public final class WorkDirs {
    private WorkDirs() {}

    /** Deletes the tree if it exists; a failure is a warning on {@code warnings}, never an exception. */
    public static void delete(Path dir, PrintStream warnings) {
        if (dir == null || !Files.exists(dir)) return;
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            warnings.println("warning: could not delete " + dir + ": " + e.getMessage());
        }
    }
}
