package io.streamplatform.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Counter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The shared metrics endpoint on its own: what it prints, serves and refuses, and that it never holds the JVM. */
class AppMetricsTest {
    @Command(name = "testapp")
    static final class NoOptions {}

    static MetricsOptions options(String... args) {
        CommandLine cl = new CommandLine(new NoOptions());
        MetricsOptions o = MetricsOptions.addTo(cl, "TESTAPP");
        cl.parseArgs(args);
        o.validate();
        return o;
    }

    static HttpResponse<String> request(String method, String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).method(method, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesTheRegistryWithTheCommonTagsAndPrintsOneLine() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        String url;
        try (AppMetrics m = AppMetrics.start(options("--metrics-port", "0"), "testapp", "events", new PrintStream(printed, true, StandardCharsets.UTF_8))) {
            url = m.url();
            assertThat(url).matches("http://127\\.0\\.0\\.1:\\d+/metrics");
            assertThat(printed.toString(StandardCharsets.UTF_8)).isEqualTo("metrics testapp " + url + System.lineSeparator());
            Counter.builder("platform.test.things").tag("kind", "a").register(m.registry()).increment(3);

            Scrape s = Scrape.of(url);
            assertThat(s.contentType()).isEqualTo("text/plain; version=0.0.4; charset=utf-8");
            assertThat(s.value("platform_test_things_total", "app", "testapp", "catalogue_job", "events", "kind", "a")).isEqualTo(3.0);
            assertThat(s.find("jvm_memory_used_bytes", "app", "testapp", "catalogue_job", "events")).isNotEmpty();
            // GC pause timers appear only after a first collection; the heap gauges are there from the start.
            assertThat(s.names()).contains("jvm_gc_max_data_size_bytes", "jvm_threads_live_threads", "jvm_classes_loaded_classes",
                    "process_cpu_usage", "process_uptime_seconds");
            assertThat(s.samples()).allSatisfy(sample -> assertThat(sample.labels()).containsEntry("app", "testapp").containsEntry("catalogue_job", "events"));

            assertThat(request("GET", url.replace("/metrics", "/other")).statusCode()).isEqualTo(404);
            assertThat(request("POST", url).statusCode()).isEqualTo(405);
            assertThat(request("HEAD", url).statusCode()).isEqualTo(200);

            List<Thread> dispatchers = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("HTTP-Dispatcher")).toList();
            assertThat(dispatchers).isNotEmpty().allSatisfy(t -> assertThat(t.isDaemon()).as("daemon: " + t).isTrue());
        }
        assertThatThrownBy(() -> request("GET", url)).isInstanceOf(ConnectException.class);
    }

    @Test
    void withoutAPortNothingIsServedOrPrinted() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (AppMetrics m = AppMetrics.start(options(), "testapp", "events", new PrintStream(printed, true, StandardCharsets.UTF_8))) {
            assertThat(m.url()).isNull();
            Counter c = Counter.builder("platform.test.things").register(m.registry());
            c.increment();
            assertThat(c.count()).as("a no-op registry").isZero();
        }
        assertThat(printed.size()).isZero();
        assertThat(options("--metrics-port", " ").enabled()).as("an empty port (e.g. from the environment)").isFalse();
    }

    @Test
    void aBusyPortOrAnUnknownHostIsOneLine() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> AppMetrics.start(options("--metrics-port", String.valueOf(port)), "testapp", "events", System.out))
                    .isInstanceOf(AppMetrics.Failure.class)
                    .hasMessage("cannot serve metrics on 127.0.0.1:" + port + ": Address already in use");
        }
        assertThatThrownBy(() -> AppMetrics.start(options("--metrics-port", "0", "--metrics-host", "no-such-host.invalid"), "testapp", "events", System.out))
                .isInstanceOf(AppMetrics.Failure.class)
                .hasMessage("cannot serve metrics on no-such-host.invalid:0: unknown host 'no-such-host.invalid'");
    }

    @Test
    void badPortsAreUsageErrors() {
        assertThatThrownBy(() -> options("--metrics-port", "70000")).isInstanceOf(CommandLine.ParameterException.class)
                .hasMessage("--metrics-port must be in [0,65535], got 70000");
        assertThatThrownBy(() -> options("--metrics-port", "http")).isInstanceOf(CommandLine.ParameterException.class)
                .hasMessage("--metrics-port must be a port number, got 'http'");
        assertThat(options("--metrics-port", "9404", "--metrics-host", "0.0.0.0").host()).isEqualTo("0.0.0.0");
        assertThat(options().host()).isEqualTo("127.0.0.1");
    }
}
