package io.streamplatform.k8s.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.streamplatform.k8s.cluster.Applier;
import io.streamplatform.k8s.model.PlatformValues;
import io.streamplatform.k8s.render.PlatformGenerator;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "apply", mixinStandardHelpOptions = true,
        description = "Apply the platform to the current kubeconfig context (Strimzi and Flink operators must be installed).")
final class ApplyCommand implements Callable<Integer> {
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
            var out = spec.commandLine().getOut();
            new Applier(client, line -> {
                out.println(line);
                out.flush();
            }).apply(v.namespace(), PlatformGenerator.generate(v));
        }
        return 0;
    }
}
