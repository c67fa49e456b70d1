package io.streamplatform.k8s.model;

import io.streamplatform.common.catalogue.Catalogue;
import io.streamplatform.common.catalogue.JobDefinition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The jobs the renderers know: the installed catalogue ({@link Catalogue}), or an explicit list (a chart being
 * prepared for a job defined elsewhere, as the tests do with a toy job).
 */
public final class JobCatalogue {
    private final Map<String, JobDefinition<?>> jobs = new LinkedHashMap<>();

    public JobCatalogue(List<JobDefinition<?>> definitions) {
        for (JobDefinition<?> d : definitions) {
            if (jobs.put(d.name(), d) != null) throw new IllegalArgumentException("two jobs are named " + d.name());
        }
    }

    /** Every job on the class path. */
    public static JobCatalogue installed() {
        return new JobCatalogue(Catalogue.all());
    }

    public List<JobDefinition<?>> all() {
        return List.copyOf(jobs.values());
    }

    public List<String> names() {
        return List.copyOf(jobs.keySet());
    }

    /** The job called {@code name}; a {@link ValuesException} naming the known jobs otherwise. */
    public JobDefinition<?> get(String name) {
        JobDefinition<?> d = jobs.get(name);
        if (d == null) throw new ValuesException("unknown job '" + name + "' (known: " + String.join(", ", jobs.keySet()) + ")");
        return d;
    }
}
