package io.streamplatform.clients;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** One in-process run of an app's {@code run(args, out, err)}: its exit code, what it printed, how long it took. */
public record CapturedRun(int code, String out, String err, long elapsedMs) {
    /** An app run writing to the given stdout / stderr and returning its exit code. */
    @FunctionalInterface
    public interface App {
        int run(PrintStream out, PrintStream err);
    }

    /** Runs {@code app} with UTF-8 stdout / stderr captured in memory. */
    public static CapturedRun of(App app) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        long start = System.nanoTime();
        int code = app.run(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new CapturedRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8),
                (System.nanoTime() - start) / 1_000_000);
    }
}
