package io.streamplatform.job.recommendations;

import io.streamplatform.common.recommendations.Recommendation;
import io.streamplatform.common.recommendations.Watch;
import io.streamplatform.common.recommendations.WatchCodec;
import io.streamplatform.job.core.RecordEncoder;
import java.nio.charset.StandardCharsets;

/** How the recommendations job writes its records to Kafka. */
final class Encoders {
    private Encoders() {}

    /** Lists keyed by user (the topic is compacted: the last is the user's current list), stamped with the window's last millisecond. */
    static final class Lists implements RecordEncoder<Recommendation> {
        @Override
        public byte[] key(Recommendation r) {
            return r.user.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public byte[] value(Recommendation r) {
            return r.encode();
        }

        @Override
        public long timestamp(Recommendation r) {
            return r.windowEnd - 1;
        }
    }

    /** A late watch as input JSON keyed by user. */
    static final class Watches implements RecordEncoder<EnrichedWatch> {
        @Override
        public byte[] key(EnrichedWatch w) {
            return w.user.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public byte[] value(EnrichedWatch w) {
            return WatchCodec.encode(new Watch(w.user, w.video, w.action, w.positionMs, w.ts));
        }

        @Override
        public long timestamp(EnrichedWatch w) {
            return w.ts;
        }
    }
}
