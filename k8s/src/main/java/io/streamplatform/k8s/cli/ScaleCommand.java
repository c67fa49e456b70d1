package io.streamplatform.k8s.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.streamplatform.k8s.cluster.Scaler;
import io.streamplatform.k8s.model.PlatformValues;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "scale", mixinStandardHelpOptions = true,
        description = "Change the job's parallelism (only spec.job.parallelism of the FlinkDeployment); "
                + "the Flink operator redeploys the job from a savepoint.")
final class ScaleCommand implements Callable<Integer> {
    @Option(names = "--parallelism", required = true, paramLabel = "N", description = "New parallelism (>= 1).")
    int parallelism;

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
            int previous = new Scaler(client).scale(v.namespace(), v.flink().name(), parallelism);
            spec.commandLine().getOut().println("FlinkDeployment " + v.namespace() + "/" + v.flink().name()
                    + ": parallelism " + previous + " -> " + parallelism);
            spec.commandLine().getOut().flush();
        }
        return 0;
    }
}
