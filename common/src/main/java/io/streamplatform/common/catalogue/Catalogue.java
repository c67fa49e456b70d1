package io.streamplatform.common.catalogue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Every job on the class path, found through {@link ServiceLoader} (so a job defined in another jar, or in test
 * scope, joins by registering its {@link JobDefinition}). The default job comes first, the others by name.
 */
public final class Catalogue {
    /** The job run when none is named. */
    public static final String DEFAULT_JOB = "events";

    private static volatile Map<String, JobDefinition<?>> jobs;

    private Catalogue() {}

    public static List<JobDefinition<?>> all() {
        return List.copyOf(jobs().values());
    }

    public static List<String> names() {
        return List.copyOf(jobs().keySet());
    }

    /** The job called {@code name}; an {@link UnknownJobException} naming the known jobs otherwise. */
    public static JobDefinition<?> get(String name) {
        JobDefinition<?> job = jobs().get(name);
        if (job == null) throw new UnknownJobException(name, names());
        return job;
    }

    public static JobDefinition<?> defaultJob() {
        return get(DEFAULT_JOB);
    }

    private static Map<String, JobDefinition<?>> jobs() {
        Map<String, JobDefinition<?>> found = jobs;
        if (found == null) {
            List<JobDefinition<?>> list = new ArrayList<>();
            for (JobDefinition<?> d : ServiceLoader.load(JobDefinition.class, Catalogue.class.getClassLoader())) list.add(d);
            list.sort(Comparator.comparing((JobDefinition<?> d) -> !d.name().equals(DEFAULT_JOB)).thenComparing(JobDefinition::name));
            found = new LinkedHashMap<>();
            for (JobDefinition<?> d : list) {
                if (found.put(d.name(), d) != null) throw new IllegalStateException("two catalogue jobs are named " + d.name());
            }
            jobs = found;
        }
        return found;
    }

    /** No job of that name; the message names the known ones. */
    public static final class UnknownJobException extends IllegalArgumentException {
        public UnknownJobException(String name, List<String> known) {
            super("unknown job '" + name + "' (known: " + String.join(", ", known) + ")");
        }
    }
}
