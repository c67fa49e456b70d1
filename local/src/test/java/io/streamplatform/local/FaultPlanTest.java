package io.streamplatform.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The chaos schedule: fixed by its seed, printed before the run; bad fault names and values refused in one line. */
class FaultPlanTest {
    private static final List<Fault> ALL = List.of(Fault.values());

    @Test
    void theSameSeedGivesTheSamePlanAndAnotherSeedAnother() {
        FaultPlan a = FaultPlan.of(42, ALL, Duration.ofSeconds(10));
        assertThat(FaultPlan.of(42, ALL, Duration.ofSeconds(10))).isEqualTo(a);
        assertThat(FaultPlan.of(43, ALL, Duration.ofSeconds(10)).steps()).isNotEqualTo(a.steps());
        assertThat(a.steps()).extracting(FaultPlan.Step::fault).containsExactlyElementsOf(ALL);
        assertThat(a.steps()).allSatisfy(s -> assertThat(s.delay()).isBetween(Duration.ofSeconds(10), Duration.ofSeconds(19)));
    }

    @Test
    void delaysSpreadOverTheGapAndTargetsOverTheBrokers() {
        List<Fault> many = java.util.Collections.nCopies(200, Fault.BROKER_PAUSE);
        FaultPlan plan = FaultPlan.of(7, many, Duration.ofSeconds(5));
        assertThat(plan.steps()).extracting(FaultPlan.Step::delay).containsOnly(
                Duration.ofSeconds(5), Duration.ofSeconds(6), Duration.ofSeconds(7), Duration.ofSeconds(8), Duration.ofSeconds(9));
        assertThat(plan.steps()).extracting(s -> s.brokerOf(3)).containsOnly(1, 2, 3);
    }

    @Test
    void thePrintedPlanNamesEachFaultItsDelayAndItsTarget() {
        FaultPlan plan = FaultPlan.of(1, ALL, Duration.ofSeconds(10));
        List<String> lines = plan.describe(Duration.ofSeconds(40));
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).startsWith("1. tm-kill (").contains("after the producer starts", "kill -9 of a TaskManager");
        assertThat(lines.get(1)).startsWith("2. leader-kill (").contains("after fault 1 has recovered");
        assertThat(lines.get(2)).contains("SIGSTOP of a broker for 40s", "broker " + plan.steps().get(2).brokerOf(3));
        assertThat(lines.get(3)).contains("latest retained checkpoint");
    }

    @Test
    void anUnknownFaultNamesTheValidOnes() {
        assertThatThrownBy(() -> Fault.of("disk-full")).hasMessage("unknown fault 'disk-full' (valid: tm-kill, leader-kill, broker-pause, jm-kill)");
        PipelineRun run = PipelineRun.of("chaos", "--faults", "tm-kill,disk-full");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: --faults: unknown fault 'disk-full'").contains("Usage: pipeline chaos");

        PipelineRun external = PipelineRun.of("chaos", "--bootstrap", "127.0.0.1:9092");
        assertThat(external.exit()).isEqualTo(2);
        assertThat(external.err()).startsWith("error: --bootstrap: a chaos run starts its own Kafka cluster");

        PipelineRun jobOption = PipelineRun.of("chaos", "--checkpoint-interval", "soon");
        assertThat(jobOption.exit()).isEqualTo(2);
        assertThat(jobOption.err()).startsWith("error: ").contains("soon");
    }

    @Test
    void helpListsTheFaultsAndTheJobsOptionsWithTheChaosDefaults() {
        PipelineRun help = PipelineRun.of("chaos", "--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("Usage: pipeline chaos", "--faults", "--seed", "--pause", "--recovery-timeout",
                "--checkpoint-interval 2s --state-backend rocksdb --transaction-timeout 2m --idleness 5m --parallelism 2");
    }
}
