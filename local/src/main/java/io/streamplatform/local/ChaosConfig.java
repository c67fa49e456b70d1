package io.streamplatform.local;

import io.streamplatform.common.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./pipeline chaos}'s options: local mode's, and the faults'. */
@Command(
        name = "pipeline chaos",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        showDefaultValues = true,
        usageHelpAutoWidth = true,
        description = {
            "Runs a catalogue job, verified, on a cluster of separate processes on 127.0.0.1",
            "(3 Kafka brokers, a Flink JobManager and 2 TaskManagers, checkpoints in an",
            "S3-compatible store) while a seeded, printed schedule injects faults. After each",
            "fault: one 'RESULT fault=...' line with the time until output flowed again and",
            "how long read_committed readers were held; at the end the verifier's verdict.",
            "Exits 0 only if every fault was survived with nothing lost or doubled. Every",
            "other option is the job's own (listed below).",
            ""
        })
final class ChaosConfig extends LocalConfig {
    /** Every fault, in the order a run injects them by default. */
    static final List<String> ALL_FAULTS = java.util.Arrays.stream(Fault.values()).map(Fault::id).toList();

    @Option(names = "--faults", split = ",", paramLabel = "FAULT",
            description = "Faults to inject, in this order (tm-kill, leader-kill, broker-pause, jm-kill; repeats allowed).")
    List<String> faultNames = new ArrayList<>(ALL_FAULTS);

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the schedule (default: a random one, printed; give it again to repeat a run).")
    Long seed;

    @Option(names = "--gap", paramLabel = "DURATION", defaultValue = "10s", converter = Durations.Converter.class,
            description = "Each fault comes [gap, 2 gap) after the previous one has recovered (the first: after the producer starts).")
    Duration gap;

    @Option(names = "--pause", paramLabel = "DURATION", defaultValue = "40s", converter = Durations.Converter.class,
            description = "How long broker-pause freezes a broker: longer than the brokers' session timeout (9s) and the clients' request timeout (30s).")
    Duration pause;

    @Option(names = "--recovery-timeout", paramLabel = "DURATION", defaultValue = "3m", converter = Durations.Converter.class,
            description = "A fault after which output has not flowed again, or readers are still held, after this long fails the run.")
    Duration recoveryTimeout;

    List<Fault> faults;

    ChaosConfig() {
        events = 240_000;
        rate = 1_000;
    }

    @Override
    void validate(CommandLine cli) {
        check(cli, bootstrap == null, "--bootstrap: a chaos run starts its own Kafka cluster");
        check(cli, !secure, "--secure: a chaos run's cluster is not secured (pipeline --secure is)");
        super.validate(cli);
        faults = new ArrayList<>();
        for (String name : faultNames) {
            try {
                faults.add(Fault.of(name));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(cli, "--faults: " + e.getMessage());
            }
        }
        check(cli, !faults.isEmpty(), "--faults needs at least one fault");
        check(cli, gap.toSeconds() >= 1, "--gap must be at least 1s");
        check(cli, pause.toSeconds() >= 1, "--pause must be at least 1s");
        check(cli, recoveryTimeout.toSeconds() >= 10, "--recovery-timeout must be at least 10s");
    }

    /**
     * Local mode's defaults, with the cluster's state backend (RocksDB, as on Kubernetes), checkpoints every 2 s, a
     * transaction timeout below the recovery timeout (a dead writer's transaction must not hold readers longer), and
     * source idleness above the longest stall a fault causes: a partition whose leader is frozen delivers nothing, and
     * once it counted as idle, event time would run ahead of it and its records would arrive late.
     */
    @Override
    List<String> defaults() {
        List<String> chaos = List.of("--checkpoint-interval", "2s", "--state-backend", "rocksdb", "--transaction-timeout", "2m",
                "--idleness", "5m");
        List<String> all = new ArrayList<>(chaos);
        List<String> local = super.defaults();
        for (int i = 0; i + 1 < local.size(); i += 2) {
            if (!chaos.contains(local.get(i))) all.addAll(local.subList(i, i + 2));
        }
        return all;
    }
}
