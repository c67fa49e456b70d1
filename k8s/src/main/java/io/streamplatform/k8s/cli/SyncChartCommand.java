package io.streamplatform.k8s.cli;

import io.streamplatform.k8s.chart.ChartSync;
import io.streamplatform.k8s.model.JobCatalogue;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "sync-chart", mixinStandardHelpOptions = true,
        description = "Bring the Helm chart in step with the job catalogue (for whoever adds a job): the jobs part of "
                + "values.schema.json, templates/_catalogue.tpl, and a values.yaml entry for each new job.")
final class SyncChartCommand implements Callable<Integer> {
    @Parameters(paramLabel = "CHART_DIR", defaultValue = "helm/streaming-platform", description = "The chart (default: ${DEFAULT-VALUE}).")
    Path dir;

    @Option(names = "--check", description = "Change nothing; exit 1 if the chart is not in step.")
    boolean check;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (check) {
            List<String> problems = ChartSync.check(dir, JobCatalogue.installed());
            problems.forEach(p -> out.println("out of step: " + p));
            if (problems.isEmpty()) out.println(dir + " is in step with the catalogue");
            out.flush();
            return problems.isEmpty() ? 0 : PlatformCli.FAILED;
        }
        List<String> changed = ChartSync.apply(dir, JobCatalogue.installed());
        changed.forEach(c -> out.println("updated " + c));
        if (changed.isEmpty()) out.println(dir + " was already in step with the catalogue");
        out.flush();
        return 0;
    }
}
