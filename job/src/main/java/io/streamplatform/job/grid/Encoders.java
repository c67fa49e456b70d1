package io.streamplatform.job.grid;

import io.streamplatform.common.grid.Reading;
import io.streamplatform.common.grid.ReadingCodec;
import io.streamplatform.common.grid.SubstationWindow;
import io.streamplatform.job.core.RecordEncoder;
import java.nio.charset.StandardCharsets;

/** How the grid job writes its records to Kafka. */
final class Encoders {
    private Encoders() {}

    /** Aggregates keyed by substation, stamped with the window's last millisecond. */
    static final class Aggregates implements RecordEncoder<SubstationWindow> {
        @Override
        public byte[] key(SubstationWindow w) {
            return w.substation.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public byte[] value(SubstationWindow w) {
            return w.encode();
        }

        @Override
        public long timestamp(SubstationWindow w) {
            return w.windowEnd - 1;
        }
    }

    /** A reading as input JSON keyed by sensor (a late reading's dead letter). */
    static final class Readings implements RecordEncoder<Reading> {
        @Override
        public byte[] key(Reading r) {
            return r.sensor.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public byte[] value(Reading r) {
            return ReadingCodec.encode(r, false).getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public long timestamp(Reading r) {
            return r.ts;
        }
    }
}
