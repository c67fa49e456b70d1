package io.streamplatform.job.toy;

import io.streamplatform.common.MalformedPlan;
import io.streamplatform.common.catalogue.GeneratorSettings;
import io.streamplatform.common.catalogue.RecordGenerator;
import java.nio.charset.StandardCharsets;

/** Records {@code run,seq,w<seq>} keyed {@code k<seq % keys>}, and malformed lines where the plan says. */
final class ToyGenerator implements RecordGenerator {
    private final GeneratorSettings s;
    private final MalformedPlan plan;
    private long index;
    private long seq;
    private byte[] key;
    private byte[] value;
    private boolean valid;

    ToyGenerator(GeneratorSettings settings) {
        this.s = settings;
        this.plan = new MalformedPlan(settings.malformedFraction());
    }

    @Override
    public boolean next() {
        valid = !plan.isMalformed(index);
        if (valid) {
            key = ("k" + seq % s.keys()).getBytes(StandardCharsets.UTF_8);
            value = new ToyRecord(s.run(), seq, "w" + seq).bytes();
            seq++;
        } else {
            key = null;
            value = ("garbage " + index).getBytes(StandardCharsets.UTF_8);
        }
        index++;
        return true;
    }

    @Override
    public byte[] key() {
        return key;
    }

    @Override
    public byte[] value() {
        return value;
    }

    @Override
    public boolean valid() {
        return valid;
    }
}
