package io.streamplatform.clients;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;

/**
 * An app's metrics: a Micrometer registry whose meters all carry the tags {@code app} and {@code catalogue_job}, and,
 * when {@code --metrics-port} is given, the JVM's metrics, the Kafka clients' metrics and an HTTP endpoint serving
 * them at {@code GET /metrics} in the Prometheus text format. Without a port the registry is a no-op one: the app
 * counts the same way and nothing is kept or served. Open for one run; {@link #close()} stops the endpoint.
 */
public final class AppMetrics implements AutoCloseable {
    /** The endpoint could not be started; the message is one line meant for stderr (without "error: "). */
    public static final class Failure extends Exception {
        Failure(String message) {
            super(message, null, false, false);
        }
    }

    /** The Prometheus text exposition format, version 0.0.4: what Prometheus reads from any target. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final MeterRegistry registry;
    private final HttpServer server;
    private final String url;
    private final Deque<AutoCloseable> closeables = new ArrayDeque<>();

    private AppMetrics(MeterRegistry registry, HttpServer server, String url) {
        this.registry = registry;
        this.server = server;
        this.url = url;
    }

    /**
     * Starts the app's metrics: without {@code --metrics-port} a no-op registry; with it, a Prometheus registry with the
     * JVM's metrics, served on {@code --metrics-host}, and the line {@code metrics <app> <url>} printed to {@code out}.
     *
     * @param app {@code producer} or {@code consumer}: the tag {@code app} and the word in the printed line
     * @param catalogueJob the catalogue job's name: the tag {@code catalogue_job}
     * @throws Failure when the endpoint cannot be bound (port in use, unknown host, ...)
     */
    public static AppMetrics start(MetricsOptions options, String app, String catalogueJob, PrintStream out) throws Failure {
        List<Tag> common = List.of(Tag.of("app", app), Tag.of("catalogue_job", catalogueJob));
        if (!options.enabled()) {
            CompositeMeterRegistry noop = new CompositeMeterRegistry();
            noop.config().commonTags(common);
            return new AppMetrics(noop, null, null);
        }
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().commonTags(common);
        HttpServer server;
        try {
            server = bind(options.host(), options.port(), registry);
        } catch (Failure f) {
            registry.close();
            throw f;
        }
        InetSocketAddress bound = server.getAddress();
        String url = "http://" + hostInUrl(bound.getAddress()) + ":" + bound.getPort() + "/metrics";
        AppMetrics metrics = new AppMetrics(registry, server, url);
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(registry);
        metrics.closeables.push(gc);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        out.println("metrics " + app + " " + url);
        out.flush();
        return metrics;
    }

    private static HttpServer bind(String host, int port, PrometheusMeterRegistry registry) throws Failure {
        InetSocketAddress address = new InetSocketAddress(host, port);
        String where = host + ":" + port;
        if (address.isUnresolved()) throw new Failure("cannot serve metrics on " + where + ": unknown host '" + host + "'");
        HttpServer server;
        try {
            server = HttpServer.create(address, 16);
        } catch (IOException | RuntimeException e) {
            throw new Failure("cannot serve metrics on " + where + ": " + Preflight.rootMessage(e));
        }
        server.createContext("/metrics", exchange -> serve(exchange, registry));
        server.setExecutor(null); // requests are answered on the server's own dispatcher thread, one at a time
        // The dispatcher thread inherits daemon status from the thread that starts the server: start it from a daemon
        // thread, so the endpoint never keeps the JVM alive.
        AtomicReference<RuntimeException> failed = new AtomicReference<>();
        Thread starter = new Thread(() -> {
            try {
                server.start();
            } catch (RuntimeException e) {
                failed.set(e);
            }
        }, "metrics-endpoint-start");
        starter.setDaemon(true);
        starter.start();
        try {
            starter.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.stop(0);
            throw new Failure("interrupted while starting the metrics endpoint on " + where);
        }
        if (failed.get() != null) {
            server.stop(0);
            throw new Failure("cannot serve metrics on " + where + ": " + Preflight.rootMessage(failed.get()));
        }
        return server;
    }

    private static void serve(HttpExchange exchange, PrometheusMeterRegistry registry) throws IOException {
        try (exchange) {
            if (!exchange.getRequestURI().getPath().equals("/metrics")) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            String method = exchange.getRequestMethod();
            boolean head = method.equals("HEAD");
            if (!head && !method.equals("GET")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] body = registry.scrape(CONTENT_TYPE).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
            exchange.sendResponseHeaders(200, head ? -1 : body.length);
            if (!head) {
                try (OutputStream os = exchange.getResponseBody()) {
                    os.write(body);
                }
            }
        }
    }

    private static String hostInUrl(InetAddress address) {
        String h = address.getHostAddress();
        if (address instanceof Inet6Address) {
            int zone = h.indexOf('%');
            return "[" + (zone < 0 ? h : h.substring(0, zone)) + "]";
        }
        return h;
    }

    /** Where the metrics are served, or null without an endpoint. */
    public String url() {
        return url;
    }

    /** The registry the app's own meters go to (tagged {@code app} and {@code catalogue_job}). */
    public MeterRegistry registry() {
        return registry;
    }

    /** Binds the producer's own metrics ({@code kafka_producer_*}) until {@link #close()}; nothing without an endpoint. */
    public void bind(Producer<?, ?> producer) {
        if (server != null) bind(new KafkaClientMetrics(producer));
    }

    /** Binds the consumer's own metrics ({@code kafka_consumer_*}) until {@link #close()}; nothing without an endpoint. */
    public void bind(Consumer<?, ?> consumer) {
        if (server != null) bind(new KafkaClientMetrics(consumer));
    }

    private void bind(KafkaClientMetrics binder) {
        binder.bindTo(registry);
        closeables.push(binder);
    }

    /** Stops the endpoint and the binders; the app's meters are gone with the registry. */
    @Override
    public void close() {
        if (server != null) server.stop(0);
        while (!closeables.isEmpty()) {
            try {
                closeables.pop().close();
            } catch (Exception ignored) {
                // a binder that cannot be closed holds nothing the process needs
            }
        }
        registry.close();
    }
}
