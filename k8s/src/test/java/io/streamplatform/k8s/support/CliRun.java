package io.streamplatform.k8s.support;

import io.streamplatform.k8s.cli.ClientProvider;
import io.streamplatform.k8s.cli.PlatformCli;
import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the CLI in-process, capturing exit code, stdout and stderr. */
public record CliRun(int exitCode, String out, String err) {

    public static CliRun run(ClientProvider clients, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cli = PlatformCli.commandLine(clients);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }

    public static CliRun run(String... args) {
        return run((context, timeout) -> {
            throw new AssertionError("this command must not connect to a cluster");
        }, args);
    }
}
