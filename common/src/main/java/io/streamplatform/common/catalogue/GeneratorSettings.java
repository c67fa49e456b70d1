package io.streamplatform.common.catalogue;

/**
 * What the producer tells a job's generator about one run.
 *
 * @param run the run id, carried by every record (the {@code run} header) so a verifier can pick out its run
 * @param keys how many distinct keys (users, services, sensors, ...) the input spreads over
 * @param payloadBytes a size hint for the variable part of a record (the events job's text)
 * @param malformedFraction fraction of records that are deliberately malformed, chosen by {@link io.streamplatform.common.MalformedPlan}
 * @param seed seed of every random choice, so a run can be reproduced
 * @param count how many records the run will have, malformed ones included; 0 when unbounded (a generator that plans
 *              a timeline, e.g. injected anomalies, keeps them clear of the end)
 */
public record GeneratorSettings(String run, int keys, int payloadBytes, double malformedFraction, long seed, long count) {
}
