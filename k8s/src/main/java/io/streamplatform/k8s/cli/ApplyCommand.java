package io.streamplatform.k8s.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.streamplatform.k8s.cluster.Applier;
import io.streamplatform.k8s.model.PlatformValues;
import io.streamplatform.k8s.render.PlatformGenerator;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

@Command(name = "apply", mixinStandardHelpOptions = true,
        description = "Apply the platform to the current kubeconfig context (Strimzi and Flink operators must be installed).")
final class ApplyCommand extends ClusterCommand {
    @Override
    void run(KubernetesClient client, PlatformValues v, PrintWriter out) {
        new Applier(client, line -> {
            out.println(line);
            out.flush();
        }).apply(v.namespace(), PlatformGenerator.generate(v));
    }
}
