package io.streamplatform.local;

import java.util.Arrays;

/** The faults a chaos run injects, by the names {@code --faults} takes. */
public enum Fault {
    TM_KILL("tm-kill", "kill -9 of a TaskManager running the job's tasks; a fresh TaskManager is started"),
    LEADER_KILL("leader-kill", "kill -9 of the broker leading the most partitions; started again once output flows"),
    BROKER_PAUSE("broker-pause", "SIGSTOP of a broker for --pause, then SIGCONT"),
    JM_KILL("jm-kill", "kill -9 of the JobManager; a new one resumes the job from its latest retained checkpoint");

    private final String id;
    private final String description;

    Fault(String id, String description) {
        this.id = id;
        this.description = description;
    }

    public String id() {
        return id;
    }

    public String description() {
        return description;
    }

    /** The fault named {@code id}; an error naming the valid names otherwise. */
    public static Fault of(String id) {
        return Arrays.stream(values()).filter(f -> f.id.equals(id.strip())).findFirst().orElseThrow(() -> new IllegalArgumentException(
                "unknown fault '" + id + "' (valid: " + String.join(", ", Arrays.stream(values()).map(Fault::id).toList()) + ")"));
    }
}
