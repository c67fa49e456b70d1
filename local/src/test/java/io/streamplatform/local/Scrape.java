package io.streamplatform.local;

import io.streamplatform.common.PrometheusText;
import io.streamplatform.common.PrometheusText.Sample;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/** One scrape of a Prometheus endpoint (text format), as samples: name, labels, value. */
record Scrape(List<Sample> samples) {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static Scrape of(String url) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) throw new IllegalStateException(url + " answered " + r.statusCode());
            return parse(r.body());
        } catch (IOException e) {
            throw new IllegalStateException("cannot scrape " + url + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Scrape parse(String text) {
        return new Scrape(PrometheusText.parse(text));
    }

    /** The samples named {@code name} that match {@code filter}. */
    List<Sample> named(String name, Predicate<Sample> filter) {
        return samples.stream().filter(s -> s.name().equals(name) && filter.test(s)).toList();
    }

    /** Values of {@code name} summed over every label but {@code by} (Prometheus' {@code sum by (by)}). */
    Map<String, Double> sumBy(String name, String by, Predicate<Sample> filter) {
        Map<String, Double> sums = new TreeMap<>();
        for (Sample s : named(name, filter)) sums.merge(s.label(by), s.value(), Double::sum);
        return sums;
    }

    /** Values of {@code name} summed over every label. */
    double sum(String name, Predicate<Sample> filter) {
        return named(name, filter).stream().mapToDouble(Sample::value).sum();
    }
}
