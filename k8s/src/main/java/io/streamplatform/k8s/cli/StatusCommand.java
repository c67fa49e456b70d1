package io.streamplatform.k8s.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.streamplatform.k8s.cluster.StatusReporter;
import io.streamplatform.k8s.model.PlatformValues;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show Kafka readiness and the FlinkDeployment's lifecycle state, job state and parallelism.")
final class StatusCommand implements Callable<Integer> {
    @Mixin
    ValuesOptions values;

    @Mixin
    ClusterOptions cluster;

    @ParentCommand
    PlatformCli parent;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PlatformValues v = values.load();
        try (KubernetesClient client = parent.clients.connect(cluster.context, cluster.timeout())) {
            StatusReporter.PlatformStatus status =
                    new StatusReporter(client).status(v.namespace(), v.kafka().name(), v.flink().name());
            status.lines(v.namespace(), v.kafka().name(), v.flink().name()).forEach(spec.commandLine().getOut()::println);
            spec.commandLine().getOut().flush();
        }
        return 0;
    }
}
