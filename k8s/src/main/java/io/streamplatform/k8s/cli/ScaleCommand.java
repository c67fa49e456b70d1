package io.streamplatform.k8s.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.streamplatform.k8s.cluster.Scaler;
import io.streamplatform.k8s.model.PlatformValues;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "scale", mixinStandardHelpOptions = true,
        description = "Change the job's parallelism (only spec.job.parallelism of the FlinkDeployment); "
                + "the Flink operator redeploys the job from a savepoint.")
final class ScaleCommand extends ClusterCommand {
    @Option(names = "--parallelism", required = true, paramLabel = "N", description = "New parallelism (>= 1).")
    int parallelism;

    @Override
    void run(KubernetesClient client, PlatformValues v, PrintWriter out) {
        int previous = new Scaler(client).scale(v.namespace(), v.flink().name(), parallelism);
        out.println("FlinkDeployment " + v.namespace() + "/" + v.flink().name() + ": parallelism " + previous + " -> " + parallelism);
    }
}
