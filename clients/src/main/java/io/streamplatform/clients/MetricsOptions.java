package io.streamplatform.clients;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/**
 * {@code --metrics-port} and {@code --metrics-host}, the options of an app's Prometheus endpoint. Added to an app's
 * command line by {@link #addTo}, with the app's own environment variables as defaults ({@code <PREFIX>_METRICS_PORT},
 * {@code <PREFIX>_METRICS_HOST}), like its other options.
 */
public final class MetricsOptions {
    /** The host the endpoint binds when none is given: loopback only. */
    public static final String DEFAULT_HOST = "127.0.0.1";

    private final CommandLine commandLine;
    private final OptionSpec port;
    private final OptionSpec host;
    private Integer portNumber;

    private MetricsOptions(CommandLine commandLine, OptionSpec port, OptionSpec host) {
        this.commandLine = commandLine;
        this.port = port;
        this.host = host;
    }

    /** Adds both options to {@code cl}; {@code envPrefix} is the app's, e.g. {@code PRODUCER}. Call before parsing. */
    public static MetricsOptions addTo(CommandLine cl, String envPrefix) {
        String portEnv = envPrefix + "_METRICS_PORT", hostEnv = envPrefix + "_METRICS_HOST";
        OptionSpec port = OptionSpec.builder("--metrics-port")
                .paramLabel("PORT")
                .type(String.class)
                .defaultValue("${env:" + portEnv + "}")
                .description("Serve Prometheus metrics on this port at /metrics while the app runs, and print "
                        + "'metrics " + cl.getCommandName() + " <url>' on start; 0 = any free port (env " + portEnv
                        + "; default: no endpoint).")
                .build();
        OptionSpec host = OptionSpec.builder("--metrics-host")
                .paramLabel("HOST")
                .type(String.class)
                .defaultValue("${env:" + hostEnv + ":-" + DEFAULT_HOST + "}")
                .description("Address the metrics endpoint binds, e.g. 0.0.0.0 for every interface (env " + hostEnv
                        + "; default ${DEFAULT-VALUE}).")
                .build();
        // Listed before --help and --version, like the app's own options.
        CommandSpec spec = cl.getCommandSpec();
        List<OptionSpec> help = spec.options().stream().filter(o -> o.usageHelp() || o.versionHelp()).toList();
        help.forEach(spec::remove);
        spec.addOption(port);
        spec.addOption(host);
        help.forEach(spec::addOption);
        return new MetricsOptions(cl, port, host);
    }

    /** Whether an endpoint was asked for (after {@link #validate()}). */
    public boolean enabled() {
        return portNumber != null;
    }

    /** The port asked for (0 = any free port); only when {@link #enabled()}. */
    public int port() {
        if (portNumber == null) throw new IllegalStateException("no --metrics-port");
        return portNumber;
    }

    public String host() {
        return host.getValue();
    }

    /**
     * Checks the values after parsing; throws a {@link ParameterException} (usage error) on a bad one. An empty port
     * (e.g. an empty environment variable) means no endpoint.
     */
    public void validate() {
        String p = port.getValue();
        portNumber = null;
        if (p != null && !p.isBlank()) {
            int n;
            try {
                n = Integer.parseInt(p.strip());
            } catch (NumberFormatException e) {
                throw new ParameterException(commandLine, "--metrics-port must be a port number, got '" + p + "'");
            }
            if (n < 0 || n > 65_535) throw new ParameterException(commandLine, "--metrics-port must be in [0,65535], got " + n);
            portNumber = n;
        }
        String h = host.getValue();
        if (h == null || h.isBlank()) throw new ParameterException(commandLine, "--metrics-host must not be empty");
    }
}
