package io.streamplatform.job.toy;

import io.streamplatform.job.core.DeadLetter;
import io.streamplatform.job.core.JobRunner;
import io.streamplatform.job.core.Parsed;
import io.streamplatform.job.core.ParsingDeserializer;
import io.streamplatform.job.core.RecordParser;
import io.streamplatform.job.core.RouteMalformed;
import io.streamplatform.job.core.Sinks;
import io.streamplatform.job.core.Sources;
import io.streamplatform.job.core.StreamingJob;
import java.util.Locale;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.ProducerRecord;

/** The toy job's topology: Kafka → parse (dead letters) → upper-case the word → Kafka, from the shared pieces. */
public final class ToyJob implements StreamingJob<ToyOptions> {
    static final TypeInformation<ToyRecord> RECORD = TypeInformation.of(ToyRecord.class);

    public static void main(String[] args) throws Exception {
        JobRunner.main(new ToyJob(), args);
    }

    @Override
    public ToyDefinition definition() {
        return new ToyDefinition();
    }

    @Override
    public void build(StreamExecutionEnvironment env, ToyOptions c) {
        DataStream<Parsed<ToyRecord>> records = env
                .fromSource(Sources.kafka(c, ToyDefinition.INPUT, new ParsingDeserializer<>(Parser::new, new TypeHint<Parsed<ToyRecord>>() {}.getTypeInfo())),
                        Sources.watermarks(c), "kafka-source")
                .uid("kafka-source");
        SingleOutputStreamOperator<ToyRecord> parsed = records.transform("route-malformed", RECORD, new RouteMalformed<ToyRecord>(ToyDefinition.INPUT)).uid("route-malformed").name("route-malformed");
        Sinks.write(parsed.map(new Shout(c.suffix)).uid("shout").name("shout"), ToyDefinition.OUTPUT, "sink-out",
                Sinks.sink(c, "out", new Serializer(c.topic(ToyDefinition.OUTPUT))));
        DataStream<DeadLetter> dead = parsed.getSideOutput(RouteMalformed.DEAD_LETTERS);
        Sinks.writeDeadLetters(dead, c, ToyDefinition.DLQ);
    }

    static final class Parser implements RecordParser<ToyRecord> {
        @Override
        public ToyRecord parse(byte[] value) {
            return ToyRecord.parse(value);
        }

        @Override
        public String error() {
            return "not-toy: not run,seq,word";
        }
    }

    static final class Shout implements MapFunction<ToyRecord, ToyRecord> {
        private final String suffix;

        Shout(String suffix) {
            this.suffix = suffix;
        }

        @Override
        public ToyRecord map(ToyRecord r) {
            return new ToyRecord(r.run, r.seq, r.word.toUpperCase(Locale.ROOT) + suffix);
        }
    }

    static final class Serializer implements KafkaRecordSerializationSchema<ToyRecord> {
        private final String topic;

        Serializer(String topic) {
            this.topic = topic;
        }

        @Override
        public ProducerRecord<byte[], byte[]> serialize(ToyRecord r, KafkaSinkContext context, Long timestamp) {
            return new ProducerRecord<>(topic, null, timestamp, null, r.bytes());
        }
    }
}
