package io.streamplatform.k8s.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.streamplatform.k8s.model.PlatformValues;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** A subcommand that loads the values, connects to the cluster, and acts on it. */
abstract class ClusterCommand implements Callable<Integer> {
    @Mixin
    ValuesOptions values;

    @Mixin
    ClusterOptions cluster;

    @ParentCommand
    PlatformCli parent;

    @Spec
    CommandSpec spec;

    @Override
    public final Integer call() {
        PlatformValues v = values.load();
        PrintWriter out = spec.commandLine().getOut();
        try (KubernetesClient client = parent.clients.connect(cluster.context, cluster.timeout())) {
            run(client, v, out);
        }
        out.flush();
        return 0;
    }

    abstract void run(KubernetesClient client, PlatformValues values, PrintWriter out);
}
