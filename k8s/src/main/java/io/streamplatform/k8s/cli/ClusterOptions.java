package io.streamplatform.k8s.cli;

import java.time.Duration;
import picocli.CommandLine.Option;

/** Which cluster to talk to, and how long to wait for it. */
final class ClusterOptions {
    @Option(names = "--context", paramLabel = "NAME",
            description = "kubeconfig context (default: the current context).")
    String context;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "Connect and request timeout in seconds (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    Duration timeout() {
        return Duration.ofSeconds(Math.max(1, timeoutSeconds));
    }
}
