package io.streamplatform.job.core;

import io.streamplatform.common.catalogue.Alert;
import java.nio.charset.StandardCharsets;

/** Alerts as JSON keyed by subject; the record timestamp is the episode's start when firing, its end when resolved. */
public final class AlertEncoder implements RecordEncoder<Alert> {
    @Override
    public byte[] key(Alert a) {
        return a.subject.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] value(Alert a) {
        return a.encode();
    }

    @Override
    public long timestamp(Alert a) {
        return a.end != null ? a.end : a.start;
    }
}
