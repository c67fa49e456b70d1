package io.streamplatform.k8s.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.streamplatform.k8s.cluster.StatusReporter;
import io.streamplatform.k8s.model.PlatformValues;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show Kafka readiness and the FlinkDeployment's lifecycle state, job state and parallelism.")
final class StatusCommand extends ClusterCommand {
    @Override
    void run(KubernetesClient client, PlatformValues v, PrintWriter out) {
        StatusReporter.PlatformStatus status = new StatusReporter(client).status(v.namespace(), v.kafka().name(), v.flink().name());
        status.lines(v.namespace(), v.kafka().name(), v.flink().name()).forEach(out::println);
    }
}
