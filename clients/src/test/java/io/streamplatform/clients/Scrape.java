package io.streamplatform.clients;

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

/** One scrape of a Prometheus endpoint (text format 0.0.4): its samples, by name and labels. */
public record Scrape(String contentType, String text, List<Sample> samples) {
    /** GETs {@code url}; fails unless the answer is 200. */
    public static Scrape of(String url) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) throw new IOException("GET " + url + " answered " + r.statusCode());
        return parse(r.headers().firstValue("Content-Type").orElse(""), r.body());
    }

    public static Scrape parse(String contentType, String text) {
        return new Scrape(contentType, text, PrometheusText.parse(text));
    }

    /** The samples of metric {@code name} whose labels include {@code labels} (pairs: name, value, ...). */
    public List<Sample> find(String name, String... labels) {
        return samples.stream().filter(s -> s.name().equals(name)).filter(s -> {
            for (int i = 0; i + 1 < labels.length; i += 2) {
                if (!labels[i + 1].equals(s.labels().get(labels[i]))) return false;
            }
            return true;
        }).toList();
    }

    /** The value of the one sample of {@code name} with {@code labels}; fails when there is none or several. */
    public double value(String name, String... labels) {
        List<Sample> found = find(name, labels);
        if (found.size() != 1) {
            throw new AssertionError(found.size() + " samples of " + name + " " + List.of(labels) + " in:\n" + text);
        }
        return found.get(0).value();
    }

    /** The distinct metric names, in order of appearance. */
    public List<String> names() {
        return samples.stream().map(Sample::name).distinct().toList();
    }
}
