package io.streamplatform.clients;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An in-process app run with a metrics endpoint, scraped while the app runs: stdout is read line by line as the app
 * prints it; the line {@code metrics <app> <url>} names the endpoint, and when a line matching {@code scrapeAt} is
 * printed (e.g. the final SUMMARY), the endpoint is scraped right then, on the app's own thread, so the app cannot
 * stop the endpoint before the scrape is done.
 */
public record ScrapedRun(CapturedRun run, List<String> metricsLines, String url, Scrape scrape, Throwable scrapeError) {
    /** Runs {@code app}; the line starting {@code metrics <appName> } gives the URL to scrape. */
    public static ScrapedRun of(String appName, Predicate<String> scrapeAt, CapturedRun.App app) {
        Pattern metricsLine = Pattern.compile("^metrics " + Pattern.quote(appName) + " (\\S+)$");
        List<String> metricsLines = new ArrayList<>();
        String[] url = new String[1];
        Scrape[] scrape = new Scrape[1];
        Throwable[] error = new Throwable[1];
        CapturedRun run = CapturedRun.of((out, err) -> {
            LineStream lines = new LineStream(out, line -> {
                if (line.startsWith("metrics ")) metricsLines.add(line);
                Matcher m = metricsLine.matcher(line);
                if (m.matches() && url[0] == null) url[0] = m.group(1);
                if (url[0] != null && scrape[0] == null && error[0] == null && scrapeAt.test(line)) {
                    try {
                        scrape[0] = Scrape.of(url[0]);
                    } catch (Exception | AssertionError e) {
                        error[0] = e;
                    }
                }
            });
            return app.run(new PrintStream(lines, true, StandardCharsets.UTF_8), err);
        });
        return new ScrapedRun(run, List.copyOf(metricsLines), url[0], scrape[0], error[0]);
    }

    /** The scrape; fails (with what the app printed) when there was none. */
    public Scrape scraped() {
        if (scrape == null) {
            throw new AssertionError("no scrape (url " + url + ", error " + scrapeError + ");\nstdout:\n" + run.out() + "\nstderr:\n" + run.err(),
                    scrapeError);
        }
        return scrape;
    }

    /** Passes every byte on to {@code out} and each complete line (UTF-8, without its end) to {@code onLine}. */
    private static final class LineStream extends OutputStream {
        private final PrintStream out;
        private final java.util.function.Consumer<String> onLine;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        LineStream(PrintStream out, java.util.function.Consumer<String> onLine) {
            this.out = out;
            this.onLine = onLine;
        }

        @Override
        public synchronized void write(int b) {
            out.write(b);
            if (b == '\n') {
                String s = line.toString(StandardCharsets.UTF_8);
                line.reset();
                onLine.accept(s.endsWith("\r") ? s.substring(0, s.length() - 1) : s);
            } else {
                line.write(b);
            }
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            for (int i = off; i < off + len; i++) write(b[i]);
        }

        @Override
        public void flush() {
            out.flush();
        }
    }
}
