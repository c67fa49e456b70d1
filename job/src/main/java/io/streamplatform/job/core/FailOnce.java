package io.streamplatform.job.core;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;

/**
 * Testing aid for failure recovery: subtask 0 throws once after {@code afterEvents} records, then the job
 * restarts from its last checkpoint. "Once" is remembered per JVM and token, so a restarted task in the same
 * JVM (a local runtime) does not fail again.
 */
public final class FailOnce<T> extends RichMapFunction<T, T> {
    private static final Set<String> FAILED = ConcurrentHashMap.newKeySet();

    private final String token;
    private final long afterEvents;
    private transient long seen;
    private transient boolean armed;

    public FailOnce(String token, long afterEvents) {
        this.token = token;
        this.afterEvents = afterEvents;
    }

    @Override
    public void open(OpenContext openContext) {
        armed = getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() == 0 && !FAILED.contains(token);
        seen = 0;
    }

    @Override
    public T map(T e) {
        if (armed && ++seen >= afterEvents && FAILED.add(token)) {
            throw new InjectedFailure("injected failure after " + seen + " records (--fail-once-after)");
        }
        return e;
    }

    /** The exception the injected failure throws, so logs and tests can tell it apart. */
    public static final class InjectedFailure extends RuntimeException {
        public InjectedFailure(String message) {
            super(message);
        }
    }
}
