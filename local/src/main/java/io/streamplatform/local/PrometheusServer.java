package io.streamplatform.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus server (the system's {@code prometheus}, e.g. Debian's package) on 127.0.0.1, scraping local
 * mode's endpoints every few seconds and evaluating the platform's alert rules. Its data lives in its own directory.
 */
public final class PrometheusServer implements AutoCloseable {
    /** How often it scrapes and evaluates the rules: short, so a local run shows changes quickly. */
    static final String INTERVAL = "5s";
    private static final String INSTALL = "install it (Debian/Ubuntu: sudo apt-get install prometheus) or set PROMETHEUS to its path";

    private final JavaProcess process;
    private final String url;
    private final Path rules;

    private PrometheusServer(JavaProcess process, String url, Path rules) {
        this.process = process;
        this.url = url;
        this.rules = rules;
    }

    /**
     * Checks the configuration with {@code promtool}, then starts Prometheus and waits until it is ready.
     *
     * @param targets scrape job name → {@code host:port} of its /metrics endpoint
     * @param rules the alert rules file's text
     */
    public static PrometheusServer start(Path dir, int port, Map<String, String> targets, String rules, Duration timeout) {
        Path binary = binary();
        try {
            Files.createDirectories(dir);
            Path rulesFile = dir.resolve("alert-rules.yml");
            Files.writeString(rulesFile, rules);
            Path config = dir.resolve("prometheus.yml");
            Files.writeString(config, config(targets, rulesFile));
            check(binary, config, dir);
            String address = "127.0.0.1:" + port;
            JavaProcess p = JavaProcess.exec("prometheus", List.of(binary.toString(),
                    "--config.file=" + config,
                    "--storage.tsdb.path=" + dir.resolve("data"),
                    "--web.listen-address=" + address,
                    "--log.level=warn"), dir.resolve("prometheus.log"));
            PrometheusServer server = new PrometheusServer(p, "http://" + address, rulesFile);
            server.awaitReady(timeout);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Prometheus binary: {@code $PROMETHEUS}, else {@code prometheus} on the PATH. */
    static Path binary() {
        String configured = System.getenv("PROMETHEUS");
        if (configured != null && !configured.isBlank()) {
            Path p = Path.of(configured);
            if (!Files.isExecutable(p)) throw new LocalModeException("PROMETHEUS=" + configured + " is not an executable file");
            return p;
        }
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            Path p = Path.of(dir, "prometheus");
            if (Files.isExecutable(p)) return p;
        }
        throw new LocalModeException("--prometheus needs Prometheus, which is not on the PATH: " + INSTALL);
    }

    /** {@code promtool}, installed beside {@code prometheus}. */
    static Path promtool() {
        Path p = binary().resolveSibling("promtool");
        if (!Files.isExecutable(p)) throw new LocalModeException("promtool is not beside " + binary() + ": " + INSTALL);
        return p;
    }

    private static String config(Map<String, String> targets, Path rules) {
        StringBuilder y = new StringBuilder();
        y.append("global:\n  scrape_interval: ").append(INTERVAL).append("\n  evaluation_interval: ").append(INTERVAL).append('\n');
        y.append("rule_files:\n  - ").append(rules).append('\n');
        y.append("scrape_configs:\n");
        targets.forEach((job, target) -> y.append("  - job_name: ").append(job).append('\n')
                .append("    static_configs:\n      - targets: ['").append(target).append("']\n"));
        return y.toString();
    }

    private static void check(Path binary, Path config, Path dir) throws IOException {
        Path log = dir.resolve("promtool.log");
        Process p = new ProcessBuilder(binary.resolveSibling("promtool").toString(), "check", "config", config.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new LocalModeException("promtool check config did not finish within 60 s");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new LocalModeException("interrupted while checking the Prometheus configuration");
        }
        if (p.exitValue() != 0) {
            List<String> lines = Files.readAllLines(log);
            throw new LocalModeException("the Prometheus configuration or alert rules are invalid: "
                    + String.join(" ", lines.subList(Math.max(0, lines.size() - 3), lines.size())));
        }
    }

    private void awaitReady(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new LocalModeException("Prometheus ended at start: " + process.stderrTail());
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(url + "/-/ready")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) return;
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LocalModeException("interrupted while waiting for Prometheus");
            }
            if (System.nanoTime() > deadline) throw new LocalModeException("Prometheus was not ready after " + timeout.toSeconds() + "s");
            LocalFlinkCluster.pause(200);
        }
    }

    /** The web UI and HTTP API, e.g. http://127.0.0.1:9090. */
    public String url() {
        return url;
    }

    /** The alert rules file it evaluates. */
    public Path rulesFile() {
        return rules;
    }

    @Override
    public void close() {
        process.close();
    }
}
