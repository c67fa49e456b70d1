package io.streamplatform.job.source;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/** Copies each consumer record into a {@link KafkaRecord}; never fails, parsing happens downstream. */
public final class KafkaRecordDeserializer implements KafkaRecordDeserializationSchema<KafkaRecord> {
    private static final String[] NO_KEYS = new String[0];
    private static final byte[][] NO_VALUES = new byte[0][];

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<KafkaRecord> out) {
        KafkaRecord r = new KafkaRecord();
        r.key = record.key();
        r.value = record.value();
        r.topic = record.topic();
        r.partition = record.partition();
        r.offset = record.offset();
        r.timestamp = record.timestamp();
        Header[] headers = record.headers().toArray();
        if (headers.length == 0) {
            r.headerKeys = NO_KEYS;
            r.headerValues = NO_VALUES;
        } else {
            r.headerKeys = new String[headers.length];
            r.headerValues = new byte[headers.length][];
            for (int i = 0; i < headers.length; i++) {
                r.headerKeys[i] = headers[i].key();
                r.headerValues[i] = headers[i].value();
            }
        }
        out.collect(r);
    }

    @Override
    public TypeInformation<KafkaRecord> getProducedType() {
        return TypeInformation.of(KafkaRecord.class);
    }
}
