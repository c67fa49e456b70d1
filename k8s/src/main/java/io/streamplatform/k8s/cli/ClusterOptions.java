package io.streamplatform.k8s.cli;

import io.streamplatform.common.Durations;
import java.time.Duration;
import picocli.CommandLine.Option;

/** Which cluster to talk to, and how long to wait for it. */
final class ClusterOptions {
    @Option(names = "--context", paramLabel = "NAME",
            description = "kubeconfig context (default: the current context).")
    String context;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10s", converter = Durations.Converter.class,
            description = "Connect and request timeout (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    Duration timeout() {
        return timeout.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : timeout;
    }
}
