package io.streamplatform.k8s.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.streamplatform.k8s.cluster.StatusReporter;
import io.streamplatform.k8s.model.PlatformValues;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show Kafka readiness and, for every enabled job, its FlinkDeployment's lifecycle state, job state and parallelism.")
final class StatusCommand extends ClusterCommand {
    @Override
    void run(KubernetesClient client, PlatformValues v, PrintWriter out) {
        StatusReporter reporter = new StatusReporter(client);
        out.println("Kafka " + v.namespace() + "/" + v.kafka().name() + ": " + reporter.kafka(v.namespace(), v.kafka().name()));
        for (String job : v.enabledJobs()) {
            String name = v.deploymentName(job);
            out.println("Job " + job + ": FlinkDeployment " + v.namespace() + "/" + name + ": " + reporter.flink(v.namespace(), name));
        }
    }
}
