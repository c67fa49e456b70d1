package io.streamplatform.k8s.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.streamplatform.common.catalogue.Catalogue;
import io.streamplatform.k8s.cluster.Scaler;
import io.streamplatform.k8s.model.JobValues;
import io.streamplatform.k8s.model.PlatformValues;
import io.streamplatform.k8s.model.ValuesException;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "scale", mixinStandardHelpOptions = true,
        description = "Change one job's parallelism (only spec.job.parallelism of its FlinkDeployment); "
                + "the Flink operator redeploys the job from a savepoint.")
final class ScaleCommand extends ClusterCommand {
    @Option(names = "--job", paramLabel = "NAME", defaultValue = Catalogue.DEFAULT_JOB,
            description = "The enabled job to rescale (default: ${DEFAULT-VALUE}).")
    String job;

    @Option(names = "--parallelism", required = true, paramLabel = "N", description = "New parallelism (>= 1).")
    int parallelism;

    @Override
    void run(KubernetesClient client, PlatformValues v, PrintWriter out) {
        JobValues values = v.jobs().get(job);
        if (values == null || !values.enabled()) {
            throw new ValuesException("job '" + job + "' is not enabled (enabled: " + String.join(", ", v.enabledJobs()) + ")");
        }
        String name = v.deploymentName(job);
        int previous = new Scaler(client).scale(v.namespace(), name, parallelism);
        out.println("FlinkDeployment " + v.namespace() + "/" + name + " (job " + job + "): parallelism " + previous + " -> " + parallelism);
    }
}
