package io.streamplatform.job.parse;

import io.streamplatform.common.EventCodec;
import io.streamplatform.common.ParseResult;
import io.streamplatform.job.source.KafkaRecord;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Parses each record's JSON into an {@link io.streamplatform.common.Event} as the source reads it. Anything
 * malformed (not JSON, missing fields, wrong types, oversized, not UTF-8) never fails the job: it comes out as
 * a {@link DeadLetter} with the reason and a copy of the original record (key, value, headers, coordinates),
 * which {@link RouteMalformed} sends to the dead-letter topic. Only malformed records are copied, so valid
 * ones cost a parse and nothing else.
 */
public final class EventDeserializer implements KafkaRecordDeserializationSchema<Parsed> {
    private final int maxRecordBytes;
    private transient EventCodec codec;

    public EventDeserializer(int maxRecordBytes) {
        this.maxRecordBytes = maxRecordBytes;
    }

    @Override
    public void open(DeserializationSchema.InitializationContext context) {
        codec = new EventCodec(maxRecordBytes);
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Parsed> out) {
        ParseResult result = codec.parse(record.value());
        out.collect(result.isValid()
                ? Parsed.valid(result.event())
                : Parsed.malformed(new DeadLetter(KafkaRecord.of(record), result.error())));
    }

    @Override
    public TypeInformation<Parsed> getProducedType() {
        return TypeInformation.of(Parsed.class);
    }
}
