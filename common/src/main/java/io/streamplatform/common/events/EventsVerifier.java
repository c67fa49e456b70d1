package io.streamplatform.common.events;

import io.streamplatform.common.Headers;
import io.streamplatform.common.catalogue.RunFacts;
import io.streamplatform.common.catalogue.Verifier;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The events job's verifier: the {@link RunVerifier} fed from the job's normalised, window-count and dead-letter
 * topics (the counts topic only when the job runs its window counts).
 */
final class EventsVerifier implements Verifier {
    private final RunVerifier verifier;
    private final EventCodec codec = new EventCodec(Integer.MAX_VALUE);
    private final byte[] run;
    private final List<String> roles;
    private long notEvents;
    private long notWindowCounts;

    EventsVerifier(EventsOptions options, RunFacts facts) {
        long windowMs = options.windowCounts ? options.window.toMillis() : 0;
        this.verifier = new RunVerifier(facts.run(), facts.valid(), facts.malformed(), windowMs);
        this.run = facts.run().getBytes(StandardCharsets.UTF_8);
        this.roles = windowMs > 0
                ? List.of(EventsDefinition.OUTPUT.role(), EventsDefinition.COUNTS.role(), EventsDefinition.DLQ.role())
                : List.of(EventsDefinition.OUTPUT.role(), EventsDefinition.DLQ.role());
    }

    @Override
    public List<String> roles() {
        return roles;
    }

    @Override
    public void accept(String role, VerifiedRecord record, long consumedAtMs) {
        if (role.equals(EventsDefinition.OUTPUT.role())) {
            ParseResult parsed = codec.parse(record.value());
            if (parsed.isValid()) verifier.onNormalized(parsed.event(), consumedAtMs);
            else notEvents++;
        } else if (role.equals(EventsDefinition.COUNTS.role())) {
            byte[] v = record.value();
            try {
                verifier.onWindow(codec.decodeWindowCount(v == null ? new byte[0] : v));
            } catch (IllegalArgumentException e) {
                notWindowCounts++;
            }
        } else if (role.equals(EventsDefinition.DLQ.role())) {
            if (Arrays.equals(run, record.header(Headers.RUN))) verifier.onDeadLetter();
        }
    }

    @Override
    public Map<String, Long> progress() {
        Map<String, Long> p = new LinkedHashMap<>();
        p.put("out", verifier.distinct());
        p.put("dlq", verifier.deadLetters());
        p.put("windows", verifier.windowRecords());
        return p;
    }

    @Override
    public boolean complete() {
        return verifier.complete();
    }

    /** Every valid event normalised and every malformed one dead-lettered: only windows not yet closed can be missing. */
    @Override
    public boolean caughtUp() {
        return verifier.allEventsOut();
    }

    @Override
    public Verdict verdict() {
        VerificationReport r = verifier.report();
        String problems = r.problems();
        if (notEvents > 0) problems = join(problems, notEvents + " records of the output topic are not events");
        if (notWindowCounts > 0) problems = join(problems, notWindowCounts + " records of the counts topic are not window counts");
        return new Verdict(problems, r.figures(), List.of(
                String.format("  normalized    %,d distinct of %,d expected: %,d missing, %,d duplicated", r.out(), r.expectedValid(), r.missing(), r.duplicates()),
                String.format("  dead letters  %,d (expected %,d)", r.dlq(), r.expectedMalformed()),
                r.windowsVerified()
                        ? String.format("  window counts %,d windows checked, %,d wrong or missing", r.windowsChecked(), r.windowErrors())
                        : "  window counts not run (--no-window-counts)",
                String.format("  latency       p50 %,d ms, p99 %,d ms, p99.9 %,d ms (event time → read_committed consumer)", r.p50Ms(), r.p99Ms(), r.p999Ms())));
    }

    private static String join(String a, String b) {
        return a.isEmpty() ? b : a + "; " + b;
    }
}
