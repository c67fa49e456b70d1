package io.streamplatform.k8s.cli;

import io.streamplatform.k8s.cluster.ClusterException;
import io.streamplatform.k8s.model.Messages;
import io.streamplatform.k8s.model.ValuesException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code java -jar k8s.jar render|apply|scale|status}. */
@Command(name = "k8s.jar", mixinStandardHelpOptions = true, version = "streaming-platform k8s 0.1.0",
        description = "Render, apply, scale and inspect the streaming platform (Strimzi Kafka + the catalogue's Flink jobs) on Kubernetes.",
        subcommands = {RenderCommand.class, ApplyCommand.class, ScaleCommand.class, StatusCommand.class, SyncChartCommand.class})
public final class PlatformCli implements Runnable {
    /** Exit code of a failed command (bad values, unreachable cluster, API error). */
    public static final int FAILED = 1;

    final ClientProvider clients;

    @Spec
    CommandSpec spec;

    public PlatformCli(ClientProvider clients) {
        this.clients = clients;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: render, apply, scale or status");
    }

    public static CommandLine commandLine(ClientProvider clients) {
        CommandLine cli = new CommandLine(new PlatformCli(clients));
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            err.println("error: " + message(ex));
            err.flush();
            return FAILED;
        });
        return cli;
    }

    static String message(Exception ex) {
        if (ex instanceof ValuesException || ex instanceof ClusterException) {
            return ex.getMessage();
        }
        String m = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
        return Messages.oneLine(m);
    }

    public static void main(String[] args) {
        System.exit(commandLine(ClientProvider.KUBECONFIG).execute(args));
    }
}
