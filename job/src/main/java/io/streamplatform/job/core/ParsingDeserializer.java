package io.streamplatform.job.core;

import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.flink.util.function.SerializableSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Parses each record as the source reads it. Anything malformed never fails the job: it comes out as a
 * {@link DeadLetter} with the parser's reason and a copy of the original record (key, value, headers, coordinates),
 * which {@link RouteMalformed} sends to the dead-letter topic. Only malformed records are copied, so valid ones cost
 * a parse and nothing else.
 */
public final class ParsingDeserializer<T> implements KafkaRecordDeserializationSchema<Parsed<T>> {
    private final SerializableSupplier<RecordParser<T>> parsers;
    private final TypeInformation<Parsed<T>> type;
    private transient RecordParser<T> parser;

    /** @param type the type of {@code Parsed<T>}, e.g. {@code new TypeHint<Parsed<Event>>() {}.getTypeInfo()} */
    public ParsingDeserializer(SerializableSupplier<RecordParser<T>> parsers, TypeInformation<Parsed<T>> type) {
        this.parsers = parsers;
        this.type = type;
    }

    @Override
    public void open(DeserializationSchema.InitializationContext context) {
        parser = parsers.get();
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Parsed<T>> out) {
        T value = parser.parse(record);
        out.collect(value != null ? Parsed.valid(value) : Parsed.malformed(new DeadLetter(KafkaRecord.of(record), parser.error())));
    }

    @Override
    public TypeInformation<Parsed<T>> getProducedType() {
        return type;
    }
}
