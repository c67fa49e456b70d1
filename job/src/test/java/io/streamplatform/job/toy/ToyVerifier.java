package io.streamplatform.job.toy;

import io.streamplatform.common.Headers;
import io.streamplatform.common.catalogue.RunFacts;
import io.streamplatform.common.catalogue.Verifier;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Every valid record out once, transformed right; every malformed one dead-lettered. */
final class ToyVerifier implements Verifier {
    private final String suffix;
    private final RunFacts facts;
    private final byte[] run;
    private final BitSet seen = new BitSet();
    private long out;
    private long duplicates;
    private long wrong;
    private long dlq;

    ToyVerifier(String suffix, RunFacts facts) {
        this.suffix = suffix;
        this.facts = facts;
        this.run = facts.run().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public List<String> roles() {
        return List.of(ToyDefinition.OUTPUT.role(), ToyDefinition.DLQ.role());
    }

    @Override
    public void accept(String role, VerifiedRecord record, long consumedAtMs) {
        if (role.equals(ToyDefinition.DLQ.role())) {
            if (Arrays.equals(run, record.header(Headers.RUN))) dlq++;
            return;
        }
        ToyRecord r = ToyRecord.parse(record.value());
        if (r == null || !r.run.equals(facts.run())) return;
        if (r.seq < 0 || r.seq >= facts.valid() || !r.word.equals(("w" + r.seq).toUpperCase(Locale.ROOT) + suffix)) {
            wrong++;
        } else if (seen.get((int) r.seq)) {
            duplicates++;
        } else {
            seen.set((int) r.seq);
            out++;
        }
    }

    @Override
    public Map<String, Long> progress() {
        return Map.of("out", out, "dlq", dlq);
    }

    @Override
    public boolean complete() {
        return out >= facts.valid() && dlq >= facts.malformed();
    }

    @Override
    public Verdict verdict() {
        Map<String, String> figures = new LinkedHashMap<>();
        figures.put("out", Long.toString(out));
        figures.put("dlq", Long.toString(dlq));
        figures.put("missing", Long.toString(facts.valid() - out));
        figures.put("duplicates", Long.toString(duplicates));
        figures.put("wrong", Long.toString(wrong));
        String problems = out == facts.valid() && duplicates == 0 && wrong == 0 && dlq == facts.malformed() ? ""
                : "out " + out + " of " + facts.valid() + ", " + duplicates + " duplicated, " + wrong + " wrong, dead letters " + dlq + " of " + facts.malformed();
        return new Verdict(problems, figures,
                List.of(String.format("  toy output    %,d of %,d, %,d duplicated, %,d wrong; %,d dead letters", out, facts.valid(), duplicates, wrong, dlq)));
    }
}
