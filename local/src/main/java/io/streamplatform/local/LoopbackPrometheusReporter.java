package io.streamplatform.local;

import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.exporter.HTTPServer;
import io.streamplatform.common.Monitoring;
import java.io.IOException;
import java.lang.reflect.Field;
import java.net.InetSocketAddress;
import java.util.Iterator;
import java.util.Properties;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.prometheus.AbstractPrometheusReporter;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;
import org.apache.flink.util.NetUtils;

/**
 * Flink's Prometheus reporter served on one address instead of all of them: local mode's servers listen on 127.0.0.1
 * only, and Flink's {@code PrometheusReporter} has no host option. The names and labels are Flink's own (it extends
 * {@link AbstractPrometheusReporter}), so the dashboard and the alert rules read local mode and a cluster alike.
 * Its registry is private to Flink's package, hence the one reflective read.
 */
public final class LoopbackPrometheusReporter extends AbstractPrometheusReporter {
    /** Reporter option: the address to listen on. */
    static final String HOST = "host";
    /** Reporter option: a port or a range ({@code 9250-9260}); the first free one is taken. */
    static final String PORT = "port";

    private HTTPServer server;

    @Override
    public void open(MetricConfig config) {
        super.open(config);
        String host = config.getString(HOST, "127.0.0.1");
        String ports = config.getString(PORT, "0");
        CollectorRegistry registry = registry();
        IOException last = null;
        for (Iterator<Integer> it = NetUtils.getPortRangeFromString(ports); it.hasNext(); ) {
            try {
                server = new HTTPServer(new InetSocketAddress(host, it.next()), registry, true);
                return;
            } catch (IOException e) {
                last = e;
            }
        }
        throw new IllegalStateException("no free port for Flink's metrics on " + host + " in " + ports, last);
    }

    @Override
    public void close() {
        if (server != null) server.stop();
        super.close();
    }

    private CollectorRegistry registry() {
        try {
            Field field = AbstractPrometheusReporter.class.getDeclaredField("registry");
            field.setAccessible(true);
            return (CollectorRegistry) field.get(this);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Flink's Prometheus reporter has changed: " + e, e);
        }
    }

    /** Flink's configuration that reports through this reporter on {@code host}, on a port in {@code ports}. */
    static void configure(Configuration conf, String host, String ports) {
        conf.setString(Monitoring.FLINK_REPORTER + "factory.class", Factory.class.getName());
        conf.setString(Monitoring.FLINK_REPORTER + HOST, host);
        conf.setString(Monitoring.FLINK_REPORTER + PORT, ports);
    }

    /** Registered in {@code META-INF/services}, named by {@code metrics.reporter.prom.factory.class}. */
    public static final class Factory implements MetricReporterFactory {
        @Override
        public MetricReporter createMetricReporter(Properties properties) {
            return new LoopbackPrometheusReporter();
        }
    }
}
