package io.streamplatform.job.clickstream;

import io.streamplatform.common.clickstream.Click;
import io.streamplatform.common.clickstream.ClickCodec;
import io.streamplatform.job.core.RecordEncoder;
import java.nio.charset.StandardCharsets;

/** A click as it came in (key = user): what a too-late click's dead letter holds. */
final class ClickEncoder implements RecordEncoder<Click> {
    @Override
    public byte[] key(Click c) {
        return c.user.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] value(Click c) {
        return ClickCodec.encode(c).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public long timestamp(Click c) {
        return c.ts;
    }
}
