package io.streamplatform.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Reads a Prometheus endpoint at a fixed interval from the moment it is started until it is stopped, as a
 * Prometheus server scraping it would: the whole exposition is fetched and read line by line on every scrape.
 * Counts the samples and those of one Flink job (label {@code job_name}), so a run shows what was exported.
 */
final class MetricsScraper implements AutoCloseable {
    /**
     * What the scrapes of one run saw: successful and failed scrapes, the most samples in one scrape (all, and those of
     * the job), the longest scrape in ms, and the last failure (null if none).
     */
    record Result(int scrapes, int failures, long maxSamples, long maxJobSamples, double maxScrapeMs, String lastFailure) {}

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final HttpRequest request;
    private final String jobLabel;
    private final ScheduledExecutorService timer;
    private int scrapes;
    private int failures;
    private long maxSamples;
    private long maxJobSamples;
    private double maxScrapeMs;
    private String lastFailure;

    private MetricsScraper(String url, String jobName) {
        this.request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).GET().build();
        // Flink's Prometheus reporter replaces what is not [a-zA-Z0-9:_] in label values (filterLabelValueCharacters, on by default).
        this.jobLabel = "job_name=\"" + jobName.replaceAll("[^a-zA-Z0-9:_]", "_") + "\"";
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bench-metrics-scraper");
            t.setDaemon(true);
            return t;
        });
    }

    /** Scrapes {@code url} now and then every {@code interval} until {@link #stop()}. */
    static MetricsScraper start(String url, Duration interval, String jobName) {
        MetricsScraper s = new MetricsScraper(url, jobName);
        s.timer.scheduleAtFixedRate(s::scrape, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        return s;
    }

    private void scrape() {
        long started = System.nanoTime();
        try {
            HttpResponse<Stream<String>> response = http.send(request, HttpResponse.BodyHandlers.ofLines());
            long samples = 0;
            long job = 0;
            try (Stream<String> lines = response.body()) {
                for (Iterator<String> it = lines.iterator(); it.hasNext(); ) {
                    String line = it.next();
                    if (line.isEmpty() || line.charAt(0) == '#') continue;
                    samples++;
                    if (line.contains(jobLabel)) job++;
                }
            }
            double ms = (System.nanoTime() - started) / 1e6;
            synchronized (this) {
                if (response.statusCode() != 200) {
                    failures++;
                    lastFailure = "HTTP " + response.statusCode();
                    return;
                }
                scrapes++;
                maxSamples = Math.max(maxSamples, samples);
                maxJobSamples = Math.max(maxJobSamples, job);
                maxScrapeMs = Math.max(maxScrapeMs, ms);
            }
        } catch (java.io.IOException | RuntimeException e) {
            synchronized (this) {
                failures++;
                lastFailure = e.toString();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What the scrapes saw so far. */
    synchronized Result result() {
        return new Result(scrapes, failures, maxSamples, maxJobSamples, Benchmark.round(maxScrapeMs), lastFailure);
    }

    /** Stops scraping (a scrape under way is let finish) and returns what the scrapes saw. */
    Result stop() {
        timer.shutdown();
        try {
            if (!timer.awaitTermination(TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS)) timer.shutdownNow();
        } catch (InterruptedException e) {
            timer.shutdownNow();
            Thread.currentThread().interrupt();
        }
        return result();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
