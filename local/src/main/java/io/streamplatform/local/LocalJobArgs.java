package io.streamplatform.local;

import io.streamplatform.common.catalogue.JobDefinition;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;

/**
 * The arguments local mode gives a job — parsed by the job's own parser, the same path a FlinkDeployment's
 * {@code job.args} take: what local mode owns (the broker, names unique to the run, checkpoints in the work
 * directory), its defaults for a short run on a laptop, the job's own local defaults, then the user's options,
 * each of which replaces a default of the same option.
 */
final class LocalJobArgs {
    /** Local mode's defaults for every job: checkpoints every second, heap state, parallelism 2. */
    static final List<String> DEFAULTS = List.of("--checkpoint-interval", "1s", "--state-backend", "hashmap", "--parallelism", "2");

    private LocalJobArgs() {}

    /**
     * @param names the group id, transactional-id prefix and job name of this run
     * @param checkpoints where checkpoints go, a URI
     * @param defaults the mode's defaults ({@link #defaults}, or a variant of them)
     * @throws CommandLine.ParameterException when {@code userArgs} are not the job's options
     */
    static List<String> of(JobDefinition<?> job, String bootstrap, String names, String checkpoints, List<String> defaults, List<String> userArgs) {
        Set<String> given = new HashSet<>();
        for (var option : job.commandLine().parseArgs(userArgs.toArray(String[]::new)).matchedOptions()) given.add(option.longestName());
        List<String> args = new ArrayList<>();
        addUnlessGiven(args, given, List.of("--bootstrap", bootstrap, "--group-id", names, "--transactional-id-prefix", names,
                "--job-name", names, "--checkpoint-dir", checkpoints));
        addUnlessGiven(args, given, defaults);
        args.addAll(userArgs);
        return args;
    }

    /** The local defaults, as shown by {@code --help}: every job's, then the job's own. */
    static List<String> defaults(JobDefinition<?> job) {
        List<String> all = new ArrayList<>(DEFAULTS);
        all.addAll(job.localModeArgs());
        return all;
    }

    /** Adds {@code --flag value} pairs whose flag the user did not give. */
    private static void addUnlessGiven(List<String> args, Set<String> given, List<String> pairs) {
        for (int i = 0; i + 1 < pairs.size(); i += 2) {
            if (!given.contains(pairs.get(i))) {
                args.add(pairs.get(i));
                args.add(pairs.get(i + 1));
            }
        }
    }
}
