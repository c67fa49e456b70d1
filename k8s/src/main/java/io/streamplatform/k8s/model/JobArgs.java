package io.streamplatform.k8s.model;

import io.streamplatform.common.catalogue.JobDefinition;
import io.streamplatform.common.catalogue.JobOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine;

/**
 * A job's program arguments (a FlinkDeployment's {@code job.args}), generated from its values: {@code --bootstrap}
 * from the Kafka values, one {@code --<role>-topic} per topic, then every option set in {@code options} as
 * {@code --name value} ({@code --name=true|false} for a boolean, one {@code --name key=value} per entry of a mapping),
 * topics and options in name order. The chart's {@code sp.jobArgs} writes the same. Nothing here knows a particular
 * option: the job's own parser checks the result.
 */
public final class JobArgs {
    private JobArgs() {
    }

    public static List<String> of(PlatformValues v, String job) {
        JobValues j = v.jobs().get(job);
        List<String> args = new ArrayList<>(List.of(JobOptions.BOOTSTRAP, v.bootstrapAddress()));
        new TreeMap<>(j.topics()).forEach((role, topic) -> args.addAll(List.of("--" + role + "-topic", topic.name())));
        new TreeMap<>(j.options()).forEach((option, value) -> {
            if (value instanceof Map<?, ?> properties) {
                new TreeMap<>(properties).forEach((k, pv) -> args.addAll(List.of("--" + option, k + "=" + scalar(pv))));
            } else if (value instanceof Boolean b) {
                args.add("--" + option + "=" + b);
            } else if (value != null) {
                args.addAll(List.of("--" + option, scalar(value)));
            }
        });
        return args;
    }

    /**
     * Parses a job's generated arguments with the job's own parser, as the job will when it starts.
     *
     * @throws ValuesException naming the job's values when the job would reject them
     */
    static void check(PlatformValues v, String job, JobDefinition<?> definition) {
        try {
            definition.parse(of(v, job));
        } catch (CommandLine.ParameterException e) {
            throw new ValuesException("jobs." + job + ": the job rejects its options: " + Messages.oneLine(e.getMessage()));
        }
    }

    /** A value as text: whole numbers without a fraction (a values file's numbers may arrive as doubles). */
    public static String scalar(Object value) {
        if (value instanceof Double d && d == Math.rint(d) && !d.isInfinite()) return Long.toString(d.longValue());
        return String.valueOf(value);
    }
}
