package io.streamplatform.local;

import io.streamplatform.common.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A chaos run's schedule, fixed by its seed before anything starts: for each fault in order, how long after the
 * previous one has recovered (the first: after the producer starts) it is injected, and which target it picks where
 * the target is not fixed by the cluster's state. The same seed and faults give the same plan.
 */
public record FaultPlan(long seed, List<Step> steps) {
    /**
     * One fault of the plan.
     *
     * @param delay wait before injecting it, after the previous fault's recovery
     * @param pick chooses among candidate targets (TaskManagers running tasks, brokers): candidate {@code pick % n}
     */
    public record Step(int number, Fault fault, Duration delay, int pick) {
        String describe(Duration pause) {
            String when = Durations.format(delay) + (number == 1 ? " after the producer starts" : " after fault " + (number - 1) + " has recovered");
            String what = fault.description().replace("--pause", Durations.format(pause));
            return number + ". " + fault.id() + " (" + when + "): " + what + (fault == Fault.BROKER_PAUSE ? ", broker " + brokerOf(3) : "");
        }

        /** The broker this step targets among {@code brokers} (ids 1..n). */
        int brokerOf(int brokers) {
            return 1 + pick % brokers;
        }
    }

    /** Delays are drawn uniformly from [gap, 2 gap), in whole seconds. */
    public static FaultPlan of(long seed, List<Fault> faults, Duration gap) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Step> steps = new ArrayList<>();
        for (Fault f : faults) {
            Duration delay = gap.plusSeconds(random.nextLong(Math.max(1, gap.toSeconds())));
            steps.add(new Step(steps.size() + 1, f, delay, random.nextInt(1 << 16)));
        }
        return new FaultPlan(seed, List.copyOf(steps));
    }

    /** The plan as printed before the run, one line per fault. */
    public List<String> describe(Duration pause) {
        return steps.stream().map(s -> s.describe(pause)).toList();
    }
}
