package io.streamplatform.job.toy;

import io.streamplatform.common.catalogue.JobOptions;
import picocli.CommandLine.Option;

/** The toy job's own option. */
public final class ToyOptions extends JobOptions {
    @Option(names = "--suffix", paramLabel = "TEXT", defaultValue = "!", description = "Appended to each upper-cased word.")
    public String suffix;

    @Override
    protected void validateJob(Problems p) {
        p.check(!suffix.contains(","), "--suffix must not contain ','");
    }
}
