package io.streamplatform.job.recommendations;

import io.streamplatform.common.Headers;
import io.streamplatform.common.recommendations.Video;
import io.streamplatform.common.recommendations.Watch;
import io.streamplatform.common.recommendations.WatchCodec;
import io.streamplatform.job.core.RecordParser;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/** The job's two input formats as source parsers: strict JSON, records over {@code --max-record-bytes} rejected. */
final class Parsers {
    private Parsers() {}

    /** Watches; each keeps its run header, for the dead letter of a watch whose video never comes. */
    static final class Watches implements RecordParser<Watch> {
        private final WatchCodec codec;

        Watches(int maxRecordBytes) {
            codec = new WatchCodec(maxRecordBytes);
        }

        @Override
        public Watch parse(ConsumerRecord<byte[], byte[]> record) {
            Watch w = codec.parseWatch(record.value());
            if (w != null) {
                Header run = record.headers().lastHeader(Headers.RUN);
                if (run != null) w.run = new String(run.value(), StandardCharsets.UTF_8);
            }
            return w;
        }

        @Override
        public Watch parse(byte[] value) {
            return codec.parseWatch(value);
        }

        @Override
        public String error() {
            return codec.error();
        }
    }

    /** Catalogue records; the record timestamp (when it takes effect) is the element's timestamp. */
    static final class Videos implements RecordParser<Video> {
        private final WatchCodec codec;

        Videos(int maxRecordBytes) {
            codec = new WatchCodec(maxRecordBytes);
        }

        @Override
        public Video parse(byte[] value) {
            return codec.parseVideo(value);
        }

        @Override
        public String error() {
            return codec.error();
        }
    }
}
